import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import type { MemberProfile } from './member-profile.js';
import { memberKey, type MemberRef } from './member-ref.js';
import type { MembershipAgent } from './membership-agent.js';
import type { PeerBody, PeerTransport } from './peer-transport.js';
import { SiteCluster } from './site-cluster.js';
import { seededRandom } from '../random.js';

const self: MemberRef = { name: 'm1', uid: 'm1-uid', session: 0 };
const peer: MemberRef = { name: 'm2', uid: 'm2-uid', session: 0 };

/** A cluster whose transport and agent are driven by hand: hellos and pushes arrive as told. */
function harness(): {
  cluster: SiteCluster;
  hello: (from: MemberRef, profile: unknown) => void;
  push: (from: MemberRef, profile: unknown) => Promise<unknown>;
} {
  let onHello: (from: MemberRef, profile: unknown) => void = () => {};
  let onRequest: (body: PeerBody, from: MemberRef) => unknown = () => undefined;
  const transport = {
    acceptWhen: () => {},
    onHello: (listener: typeof onHello) => (onHello = listener),
    onLost: () => {},
    onRequest: (handler: typeof onRequest) => (onRequest = handler),
    request: () => Promise.resolve({}),
    send: () => {},
    drop: () => {},
    dropAll: () => {},
    protocolErrors: 0,
  } as unknown as PeerTransport;
  const agent = {
    self,
    active: true,
    onView: () => {},
    suspect: () => Promise.resolve(),
  } as unknown as MembershipAgent;
  const cluster = new SiteCluster(agent, transport, pino({ level: 'silent' }));
  return {
    cluster,
    hello: (from, profile) => onHello(from, profile),
    push: async (from, profile) => onRequest({ t: 'profile', profile }, from),
  };
}

function profile(running: boolean, revision?: number): MemberProfile {
  return {
    regions: [],
    senders: [
      {
        id: 'to-site2',
        remoteDistributedSystemId: 2,
        parallel: false,
        running,
        runningSinceMs: running ? 5 : 0,
      } as unknown as MemberProfile['senders'][number],
    ],
    ...(revision === undefined ? {} : { revision }),
  };
}

const running = (cluster: SiteCluster): boolean | undefined =>
  cluster.profile(memberKey(peer))?.senders[0]?.running;

test('a welcome answered before the peer pushed a newer profile does not undo the push', async () => {
  const { cluster, hello, push } = harness();
  hello(peer, profile(false, 1));
  await push(peer, profile(true, 2));
  // The welcome of a connection this member opened earlier, delivered late.
  hello(peer, profile(false, 1));
  assert.equal(running(cluster), true);
  await push(peer, profile(false, 3));
  assert.equal(running(cluster), false);
});

test('a profile at the same revision replaces the known one (it is as new or newer)', async () => {
  const { cluster, hello, push } = harness();
  await push(peer, profile(false, 4));
  hello(peer, profile(true, 4));
  assert.equal(running(cluster), true);
});

test('a revision that is not an integer is no profile at all', async () => {
  const { cluster, hello } = harness();
  hello(peer, { ...profile(true), revision: 'x' });
  assert.equal(cluster.profile(memberKey(peer)), undefined);
});

test('each push of the own profile carries a higher revision, and hellos carry the last one', async () => {
  const { cluster } = harness();
  await cluster.publishProfile(profile(true));
  const first = cluster.localProfile.revision ?? 0;
  assert.equal(cluster.stampProfile(profile(false)).revision, first);
  await cluster.publishProfile(profile(false));
  assert.equal(cluster.localProfile.revision, first + 1);
});

test('property: however welcomes and pushes interleave, the newest pushed profile wins', async () => {
  const rootSeed = Number(process.env.WANLAB_SEED ?? 1);
  for (let round = 0; round < 200; round++) {
    const seed = rootSeed * 1000 + round;
    const random = seededRandom(seed);
    const { cluster, hello, push } = harness();
    // The peer's state flips; each flip is pushed in order on its own connection, and
    // welcomes (snapshots under the last pushed revision) arrive on the other, late at random.
    let state = false;
    const late: Array<{ state: boolean; revision: number }> = [];
    for (let revision = 1; revision <= 8; revision++) {
      if (random() < 0.5) late.push({ state, revision: revision - 1 });
      state = !state;
      await push(peer, profile(state, revision));
      while (late.length > 0 && random() < 0.4) {
        const stale = late.splice(Math.floor(random() * late.length), 1)[0]!;
        hello(peer, profile(stale.state, stale.revision));
      }
    }
    for (const stale of late) hello(peer, profile(stale.state, stale.revision));
    assert.equal(running(cluster), state, `seed ${seed}`);
  }
});

test('viewRevision moves with every profile learnt or published, not with a stale one (issue 19)', async () => {
  const { cluster, hello, push } = harness();
  const revisions = [cluster.viewRevision];
  hello(peer, profile(false, 1));
  revisions.push(cluster.viewRevision);
  await push(peer, profile(true, 2));
  revisions.push(cluster.viewRevision);
  await cluster.publishProfile(profile(true));
  revisions.push(cluster.viewRevision);
  assert.equal(new Set(revisions).size, revisions.length, `revisions ${revisions.join(',')}`);
  const before = cluster.viewRevision;
  hello(peer, profile(false, 1));
  assert.equal(cluster.viewRevision, before, 'a stale welcome changes nothing');
  assert.equal(running(cluster), true);
});
