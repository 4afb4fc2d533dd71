import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import { estimateEventBytes } from '../queue/event-size.js';
import { withinBatchBytes } from './batch-bytes.js';

function event(key: string, chars: number, tx?: RegionEvent['tx']): RegionEvent {
  return {
    region: 'data',
    key,
    op: 'update',
    value: 'x'.repeat(chars),
    version: { timestamp: 1, dsid: 1, member: 'm1', entryVersion: 1 },
    id: { member: 'm1', thread: 0, seq: 1 },
    originDsid: 1,
    recipients: [],
    possibleDuplicate: false,
    createdAtMs: 0,
    ...(tx ? { tx } : {}),
  };
}

const keysOf = (events: RegionEvent[]): string[] => events.map((e) => e.key);

test('a batch is cut where its events would weigh more than the limit; the rest waits', () => {
  const events = ['a', 'b', 'c', 'd'].map((k) => event(k, 1000));
  const one = estimateEventBytes(events[0]!);
  assert.deepEqual(keysOf(withinBatchBytes(events, 2 * one, false)), ['a', 'b']);
  assert.deepEqual(keysOf(withinBatchBytes(events, 2 * one - 1, false)), ['a']);
  assert.deepEqual(keysOf(withinBatchBytes(events, 100 * one, false)), ['a', 'b', 'c', 'd']);
  assert.deepEqual(withinBatchBytes([], one, false), []);
});

test('an event heavier than the limit still goes, alone', () => {
  const events = [event('huge', 10_000), event('small', 1)];
  assert.deepEqual(keysOf(withinBatchBytes(events, 100, false)), ['huge']);
});

test('grouping transactions, the cut moves to the end of the transaction it would split', () => {
  const events = [
    event('t1', 1000, { id: 'tx-1', last: false }),
    event('t2', 1000, { id: 'tx-1', last: false }),
    event('t3', 1000, { id: 'tx-1', last: true }),
    event('after', 1000),
  ];
  const one = estimateEventBytes(events[3]!);
  assert.deepEqual(keysOf(withinBatchBytes(events, one, false)), ['t1']);
  assert.deepEqual(keysOf(withinBatchBytes(events, one, true)), ['t1', 't2', 't3']);
});
