import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { ManualClock } from '../clock.js';
import type { ConflictResolver } from '../../contract/resolver-api.js';
import { validateConfig } from '../config/load-config.js';
import { MemberConfigSchema } from '../config/member-config.js';
import { createLogger } from '../log.js';
import { Member } from '../member/member.js';
import { seededRandom } from '../random.js';
import type { RegionEvent } from '../region/region-event.js';
import { injectAuthed, TEST_CONTROL_TOKEN } from './test-token.js';
import { createControlServer } from './http-server.js';
import { memberRoutes } from './member-routes.js';

/**
 * A member of site 1, alone in its site and started, with region `data` (default rule) and
 * `picky` (refuses site 3).
 */
async function setup(t: TestContext, start = true) {
  const config = validateConfig(
    MemberConfigSchema,
    {
      name: 'm1',
      site: { name: 's1', distributedSystemId: 1 },
      locators: ['127.0.0.1:1'],
      control: { host: '127.0.0.1', port: 0, token: TEST_CONTROL_TOKEN },
      dataDir: '/tmp/unused',
      regions: [
        { name: 'data' },
        { name: 'picky', conflict: { resolver: { module: '/unused.mjs' } } },
      ],
    },
    'test',
  );
  const refuseSite3: ConflictResolver = {
    resolve: (c) => (c.newDsid === 3 ? { kind: 'disallow' } : { kind: 'allow' }),
  };
  const logger = createLogger({ level: 'fatal', name: 'm1', site: 's1' });
  const clock = new ManualClock(1_000_000);
  const member = new Member(config, {
    clock,
    logger,
    random: seededRandom(1),
    controlUrl: () => '',
    resolvers: new Map([['picky', refuseSite3]]),
  });
  const server = createControlServer(logger, { token: TEST_CONTROL_TOKEN });
  memberRoutes(server, member, 0);
  if (start) {
    await member.start();
    t.after(() => member.stop());
  }
  return { server, member, clock };
}

const remote = (region: string, key: string, timestamp: number, dsid: number): RegionEvent => ({
  region,
  key,
  op: 'update',
  value: `from ${dsid}`,
  version: { timestamp, dsid, member: `m${dsid}`, entryVersion: 2 },
  id: { member: `m${dsid}`, thread: 0, seq: timestamp },
  originDsid: dsid,
  recipients: [1],
  possibleDuplicate: false,
  createdAtMs: timestamp,
});

test('/health answers 503 WAN_ERR_STARTING until the member has started', async (t) => {
  const { server } = await setup(t, false);
  const health = await injectAuthed(server, { method: 'GET', url: '/health' });
  assert.equal(health.statusCode, 503);
  assert.equal(health.json().code, 'WAN_ERR_STARTING');
});

test('putAll writes one event per key, in order, each with its own version', async (t) => {
  const { server, member } = await setup(t);
  const entries = [
    { key: 'a', value: 1 },
    { key: 'b', value: 2 },
  ];
  const first = await injectAuthed(server, {
    method: 'POST',
    url: '/v1/regions/data/putAll',
    payload: { entries },
  });
  assert.equal(first.statusCode, 200);
  assert.deepEqual(
    first.json().results.map((r: { key: string; op: string }) => `${r.key}:${r.op}`),
    ['a:create', 'b:create'],
  );
  const again = await injectAuthed(server, {
    method: 'POST',
    url: '/v1/regions/data/putAll',
    payload: { entries: [{ key: 'a', value: 3 }] },
  });
  assert.equal(again.json().results[0].op, 'update');
  assert.equal(again.json().results[0].version.entryVersion, 2);
  assert.equal(member.appliedLog.read(0, 10).events.length, 3);
  const empty = await injectAuthed(server, {
    method: 'POST',
    url: '/v1/regions/data/putAll',
    payload: { entries: [] },
  });
  assert.equal(empty.statusCode, 400);
});

test('the conflicts route counts what the default rule and the resolver decided', async (t) => {
  const { server, member } = await setup(t);
  await member.region('data').put('k', 'local', { thread: 0 });
  await member.region('picky').put('k', 'local', { thread: 0 });
  assert.equal((await member.apply(remote('data', 'k', 1, 2), 2)).kind, 'discarded');
  assert.equal((await member.apply(remote('data', 'k', 2_000_000, 2), 2)).kind, 'applied');
  assert.equal((await member.apply(remote('picky', 'k', 2_000_000, 3), 3)).kind, 'discarded');
  assert.equal((await member.apply(remote('picky', 'k', 1, 2), 2)).kind, 'applied');
  const data = (
    await injectAuthed(server, { method: 'GET', url: '/v1/regions/data/conflicts' })
  ).json();
  assert.equal(data.forwardedEventDsid, 'origin');
  assert.equal(data.resolver, undefined);
  assert.deepEqual(
    [data.stats.remoteEventsChecked, data.stats.discardedAsOlder, data.stats.appliedByDefaultRule],
    [2, 1, 1],
  );
  const picky = (
    await injectAuthed(server, { method: 'GET', url: '/v1/regions/picky/conflicts' })
  ).json();
  assert.equal(picky.resolver, '/unused.mjs');
  assert.deepEqual(
    [picky.stats.resolverCalls, picky.stats.resolverDisallowed, picky.stats.resolverAllowed],
    [2, 1, 1],
  );
  const missing = await injectAuthed(server, { method: 'GET', url: '/v1/regions/nope/conflicts' });
  assert.equal(missing.statusCode, 404);
});

test('a fixed clock stamps every write with the same instant until the offset is set again', async (t) => {
  const { server, member, clock } = await setup(t);
  const fixed = await injectAuthed(server, {
    method: 'PUT',
    url: '/v1/clock',
    payload: { offsetMs: 0, fixedAtMs: 42_000 },
  });
  assert.equal(fixed.json().fixedAtMs, 42_000);
  clock.advance(500);
  assert.equal((await member.region('data').put('x', 1, { thread: 0 })).version.timestamp, 42_000);
  const released = await injectAuthed(server, {
    method: 'PUT',
    url: '/v1/clock',
    payload: { offsetMs: 0 },
  });
  assert.equal(released.json().fixedAtMs, undefined);
  assert.equal(released.json().nowMs, 1_000_500);
});
