import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { pino } from 'pino';
import { EngineError } from '../../errors.js';
import type { RegionEvent } from '../../region/region-event.js';
import { EventFilterChain } from './event-filter-chain.js';
import { loadEventFilters, loadSenderFilters } from './load-event-filters.js';

const dir = mkdtempSync(join(tmpdir(), 'wanlab-filters-'));

function moduleFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function refusal(module: string, options: Record<string, unknown> = {}): Promise<string> {
  try {
    await loadEventFilters('to-b', [{ module, options }]);
  } catch (error) {
    assert.ok(error instanceof EngineError);
    assert.equal(error.code, 'WAN_ERR_EVENT_FILTER_INVALID');
    return `${error.message} | ${error.hint}`;
  }
  return assert.fail('the filter was accepted');
}

test('a filter module that is missing, broken or without the interface stops the start', async () => {
  assert.match(await refusal(join(dir, 'none.mjs')), /of sender "to-b" does not exist/);
  assert.match(await refusal('relative.mjs'), /does not exist/);
  const broken = moduleFile('broken.mjs', 'export const = ;');
  assert.match(await refusal(broken), /cannot be loaded/);
  const none = moduleFile('none-exported.mjs', 'export const x = 1;');
  assert.match(await refusal(none), /does not export a function createEventFilter/);
  const picky = moduleFile(
    'picky.mjs',
    'export function createEventFilter(o) { if (!o.ok) throw new Error("needs ok"); return { stats: () => ({}) }; }',
  );
  assert.match(await refusal(picky), /rejected its options \{\}: needs ok/);
  const wrong = moduleFile(
    'wrong.mjs',
    'export function createEventFilter() { return { beforeEnqueue: true }; }',
  );
  assert.match(await refusal(wrong), /has beforeEnqueue that is not a function/);
  const empty = moduleFile('empty.mjs', 'export function createEventFilter() { return {}; }');
  assert.match(await refusal(empty), /returns a filter with no hook/);
});

test('the example filters load, by sender, with their options', async () => {
  // dist/engine/gateway/filter/ -> the project's topologies/filters/
  const examples = fileURLToPath(new URL('../../../../topologies/filters', import.meta.url));
  const loaded = await loadSenderFilters([
    { id: 'plain' },
    {
      id: 'filtered',
      eventFilters: [
        { module: join(examples, 'drop-prefix.ts'), options: { prefixes: ['x-'] } },
        { module: join(examples, 'count-acks.ts'), options: {} },
      ],
    },
  ]);
  assert.deepEqual([...loaded.keys()], ['filtered']);
  assert.equal(loaded.get('filtered')!.length, 2);
});

function event(key: string): RegionEvent {
  return {
    region: 'r',
    key,
    op: 'create',
    value: 1,
    version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
    id: { member: 'm', thread: 0, seq: 1 },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    createdAtMs: 0,
  };
}

test('a chain filters when any filter says false, in order; a throwing hook lets the event pass', () => {
  const calls: string[] = [];
  const chain = new EventFilterChain(
    's',
    [
      {
        module: 'a',
        filter: {
          beforeEnqueue: (e) => {
            calls.push(`a:${e.key}`);
            if (e.key === 'boom') throw new Error('broken filter');
            return e.key !== 'drop-a';
          },
          stats: () => ({ seen: calls.length, bad: Number.NaN }),
        },
      },
      { module: 'b', filter: { beforeEnqueue: (e) => (calls.push(`b:${e.key}`), true) } },
    ],
    pino({ level: 'silent' }),
  );
  assert.equal(chain.beforeEnqueue(event('keep')), true);
  assert.equal(chain.beforeEnqueue(event('drop-a')), false);
  assert.equal(chain.beforeEnqueue(event('boom')), true, 'a broken filter never loses an event');
  assert.deepEqual(calls, ['a:keep', 'b:keep', 'a:drop-a', 'a:boom', 'b:boom']);
  assert.equal(chain.beforeTransmit(event('drop-a')), true, 'no beforeTransmit hook: passes');
  assert.deepEqual(chain.status(), [
    { module: 'a', stats: { seen: 5 }, errors: 1 },
    { module: 'b', stats: {}, errors: 0 },
  ]);
  assert.equal(EventFilterChain.none().empty, true);
});
