import { TEST_CONTROL_TOKEN } from '../control/test-token.js';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SystemClock } from '../clock.js';
import { validateConfig } from '../config/load-config.js';
import { LocatorConfigSchema } from '../config/locator-config.js';
import { MemberConfigSchema } from '../config/member-config.js';
import { LocatorService } from '../locator/locator-service.js';
import { createLogger } from '../log.js';
import { seededRandom } from '../random.js';
import { Member } from './member.js';

/**
 * Three members and a locator of one site in this process, on real loopback sockets: the
 * region and membership machinery without the harness. The sender targets a site nobody
 * serves, so its queue stays put and its copies can be compared.
 */
const logger = createLogger({ level: 'error', name: 'test', site: 's1' });
let locator: LocatorService;
const members: Member[] = [];

async function waitFor<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean) {
  const deadline = Date.now() + 10000;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

function memberConfig(name: string, locatorAddress: string) {
  return validateConfig(
    MemberConfigSchema,
    {
      name,
      site: { name: 's1', distributedSystemId: 1 },
      locators: [locatorAddress],
      control: { host: '127.0.0.1', port: 0, token: TEST_CONTROL_TOKEN },
      dataDir: '/tmp/unused',
      heartbeatIntervalMs: 50,
      regions: [
        { name: 'data', senderIds: ['to-2'] },
        { name: 'orders', type: 'partitioned', totalBuckets: 13, redundantCopies: 1 },
      ],
      senders: [
        { id: 'to-2', remoteDistributedSystemId: 2, dispatcherThreads: 1, retryIntervalMs: 50 },
      ],
    },
    name,
  );
}

async function startMember(name: string): Promise<Member> {
  const member = new Member(memberConfig(name, locator.address), {
    clock: new SystemClock(),
    logger,
    random: seededRandom(members.length + 1),
    controlUrl: () => `http://${name}`,
  });
  await member.start();
  members.push(member);
  return member;
}

before(async () => {
  locator = new LocatorService(
    validateConfig(
      LocatorConfigSchema,
      {
        name: 'loc',
        site: { name: 's1', distributedSystemId: 1 },
        bind: { host: '127.0.0.1', port: 0 },
        control: { host: '127.0.0.1', port: 0, token: TEST_CONTROL_TOKEN },
        dataDir: '/tmp/unused',
        memberTimeoutMs: 1000,
      },
      'loc',
    ),
    { clock: new SystemClock(), logger },
  );
  await locator.start();
  for (const name of ['m1', 'm2', 'm3']) await startMember(name);
});

after(async () => {
  for (const member of members) await member.stop().catch(() => undefined);
  await locator.stop();
});

test('every member sees the same members, oldest first', async () => {
  for (const member of members) {
    await waitFor(
      `${member.name}'s view`,
      () => member.cluster.members().map((m) => m.name),
      (names) => names.join() === 'm1,m2,m3',
    );
  }
});

test('a put to a replicated region returns once every member holds it', async () => {
  await members[1]!.region('data').put('k', 'v', { thread: 0 });
  for (const member of members) {
    assert.equal((await member.region('data').get('k'))?.value, 'v', member.name);
  }
});

test('a partitioned region spreads primaries and keeps one redundant copy of every bucket', async () => {
  const status = await waitFor(
    'a settled bucket table',
    () => members[0]!.region('orders').buckets(),
    (s) => s.buckets.length === 13 && s.buckets.every((b) => b.copies.length === 1),
  );
  const primaries = new Set(status.buckets.map((b) => b.primary));
  assert.deepEqual([...primaries].sort(), ['m1', 'm2', 'm3']);
  for (let i = 0; i < 40; i++)
    await members[i % 3]!.region('orders').put(`o${i}`, i, { thread: 0 });
  assert.equal(await members[2]!.region('orders').size(), 40);
  assert.equal((await members[1]!.region('orders').get('o7'))?.value, 7);
});

test('a serial sender has one primary, the oldest, and a full copy of its queue everywhere', async () => {
  const statuses = await waitFor(
    'queue copies',
    () => members.map((m) => m.sender('to-2').status()),
    (all) => all.every((s) => s.queue.size === 1),
  );
  assert.deepEqual(
    statuses.map((s) => s.primary),
    [true, false, false],
  );
});

test('stopping the primary sender hands its queue to the next oldest (STOP-2)', async () => {
  await members[0]!.sender('to-2').stop();
  await waitFor(
    'm2 to become primary',
    () => members.map((m) => m.sender('to-2').status().primary),
    (p) => p.join() === 'false,true,false',
  );
  assert.equal(members[1]!.sender('to-2').status().queue.size, 1);
  await members[0]!.sender('to-2').start();
  await waitFor(
    'm1 to copy the queue again',
    () => members[0]!.sender('to-2').status().queue.size,
    (size) => size === 1,
  );
  assert.equal(members[1]!.sender('to-2').status().primary, true);
});

test('when a member leaves, the others keep every entry and restore redundancy', async () => {
  const leaving = members.shift()!;
  await leaving.stop();
  const status = await waitFor(
    'buckets moved off m1',
    () => members[0]!.region('orders').buckets(),
    (s) =>
      s.buckets.every(
        (b) => b.primary !== 'm1' && b.copies.length === 1 && !b.copies.includes('m1'),
      ),
  );
  assert.equal(status.buckets.length, 13);
  assert.equal(await members[1]!.region('orders').size(), 40);
  assert.equal((await members[0]!.region('data').get('k'))?.value, 'v');
});

test('a member that restarts holds everything written meanwhile before it serves', async () => {
  const leaving = members.pop()!;
  await leaving.stop();
  for (let i = 0; i < 25; i++) await members[0]!.region('data').put(`d${i}`, i, { thread: 0 });
  const restarted = await startMember(leaving.name);
  assert.equal(restarted.ready, true);
  assert.equal(await restarted.region('data').size(), 26);
  assert.equal((await restarted.region('data').get('d24'))?.value, 24);
});
