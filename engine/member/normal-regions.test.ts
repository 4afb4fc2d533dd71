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
 * Normal and preloaded regions over three members of one site, in this process on real
 * loopback sockets: which member holds which entry, and how a parallel sender spreads a
 * normal region's events over the members' queues (SEND-13). The senders target a site
 * nobody serves, so their queues stay put and can be counted.
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
        { name: 'sessions', type: 'normal', senderIds: ['par'], totalBuckets: 13 },
        { name: 'catalog', type: 'preloaded' },
      ],
      senders: [
        {
          id: 'par',
          remoteDistributedSystemId: 2,
          parallel: true,
          dispatcherThreads: 2,
          retryIntervalMs: 50,
        },
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
  await waitFor(
    'three members in every view',
    () => members.map((m) => m.cluster.members().length),
    (counts) => counts.every((n) => n === 3),
  );
});

after(async () => {
  for (const member of members) await member.stop().catch(() => undefined);
  await locator.stop();
});

const thread = { thread: 0 };

test('a normal region: an entry stays on the member that wrote it', async () => {
  const [m1, m2, m3] = members as [Member, Member, Member];
  await m1.region('sessions').put('s1', 'a', thread);
  assert.equal((await m1.region('sessions').get('s1'))?.value, 'a');
  assert.equal(await m2.region('sessions').size(), 0);
  assert.equal(await m3.region('sessions').size(), 0);
});

test('a normal region: a get that misses fetches from another member, which then takes its updates', async () => {
  const [m1, m2, m3] = members as [Member, Member, Member];
  await m1.region('sessions').put('s2', 'first', thread);
  assert.equal((await m2.region('sessions').get('s2'))?.value, 'first');
  assert.equal(await m2.region('sessions').size(), 1);
  await m1.region('sessions').put('s2', 'second', thread);
  assert.equal(
    (await m2.region('sessions').liveEntries()).find(([k]) => k === 's2')?.[1].value,
    'second',
  );
  assert.equal(await m3.region('sessions').size(), 0);
  assert.equal(
    await m1
      .region('sessions')
      .destroy('s2', thread)
      .then((e) => e?.op),
    'destroy',
  );
  assert.equal(await m2.region('sessions').size(), 0);
});

test('a parallel sender hashes a normal region over every member, each queueing its own buckets', async () => {
  const status = await waitFor(
    'queue buckets spread over the three members',
    () => members[0]!.region('sessions').buckets(),
    (s) => s.buckets.length === 13 && new Set(s.buckets.map((b) => b.primary)).size === 3,
  );
  const primaryOf = new Map(status.buckets.map((b) => [b.id, b.primary]));
  const before = await primaryQueued();
  for (let i = 0; i < 60; i++) await members[0]!.region('sessions').put(`q${i}`, i, thread);
  const expected = new Map<string, number>();
  for (let i = 0; i < 60; i++) {
    const owner = primaryOf.get(members[0]!.region('sessions').bucketOf(`q${i}`))!;
    expected.set(owner, (expected.get(owner) ?? 0) + 1);
  }
  const after = await primaryQueued();
  for (const member of members) {
    const added = after.get(member.name)! - before.get(member.name)!;
    assert.equal(added, expected.get(member.name) ?? 0, member.name);
    assert.ok(added > 0, `${member.name} queued none of the events written at m1`);
  }
});

test('a preloaded region: a member that joins copies an older member, then holds only what it gets', async () => {
  const [m1] = members as [Member];
  for (let i = 0; i < 5; i++) await m1.region('catalog').put(`c${i}`, i, thread);
  assert.equal(await members[1]!.region('catalog').size(), 0);
  const m4 = await startMember('m4');
  assert.equal(await m4.region('catalog').size(), 5);
  await m1.region('catalog').put('c0', 'changed', thread);
  await m1.region('catalog').put('c9', 'new', thread);
  const entries = new Map(await m4.region('catalog').liveEntries());
  assert.equal(entries.get('c0')?.value, 'changed');
  assert.equal(entries.has('c9'), false);
});

/** Events each member holds in the queues of its primary queue buckets. */
async function primaryQueued(): Promise<Map<string, number>> {
  return new Map(
    members.map((m) => [
      m.name,
      m
        .sender('par')
        .status()
        .dispatchers.reduce((n, d) => n + d.queueSize, 0),
    ]),
  );
}
