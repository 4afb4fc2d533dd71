import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ManualClock } from '../../clock.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import { SENDER_DEFAULTS, type SenderConfig } from '../../config/sender-schema.js';
import type { BucketRef, BucketRole } from '../../region/bucket/event-sink.js';
import type { RegionEvent } from '../../region/region-event.js';
import { FakeDiskStore } from '../queue/fake-disk-store.js';
import { ParallelGatewaySender } from './parallel-sender.js';
import { Credentials } from '../../security/credentials.js';

const clock = new ManualClock();
const logger = pino({ level: 'silent' });

function event(bucket: number, seq: number): RegionEvent {
  return {
    region: 'r',
    key: `b${bucket}-${seq}`,
    op: 'create',
    value: seq,
    version: { timestamp: seq, dsid: 1, member: 'w', entryVersion: 1 },
    id: { member: 'w', thread: bucket, seq },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    bucket,
    createdAtMs: seq,
  };
}

const config = (persistent: boolean): SenderConfig => ({
  ...SENDER_DEFAULTS,
  id: 'p',
  remoteDistributedSystemId: 2,
  parallel: true,
  persistent,
  dispatcherThreads: 1,
});

interface Host {
  name: string;
  up: boolean;
  sender: ParallelGatewaySender;
}

/**
 * Members of one site hosting the parallel sender "p" of region "r", whose peer messages
 * reach each other at once. The test plays the region layer: it says who holds which bucket
 * (`table`) and hands each write to every holder of its bucket. No receiver is known, so
 * nothing is dispatched: the queues only fill.
 */
class FakeSite {
  readonly hosts = new Map<string, Host>();
  /** bucket -> holders, the primary first. */
  readonly table = new Map<number, string[]>();
  readonly disks = new Map<string, FakeDiskStore>();

  async launch(name: string, persistent = true): Promise<Host> {
    const disk = this.disks.get(name) ?? new FakeDiskStore();
    this.disks.set(name, disk);
    const sender = new ParallelGatewaySender(config(persistent), {
      clock,
      logger,
      localDsid: 1,
      credentials: Credentials.none(1),
      memberUid: name,
      directory: { receiversFor: async () => [] },
      random: () => 0,
      cluster: this.#cluster(name),
      publish: async () => undefined,
      holders: (at) => (this.table.get(at.bucket) ?? []).filter((h) => h !== name).map(key),
      primary: (at) => {
        const primary = this.table.get(at.bucket)?.[0];
        return primary === undefined || primary === name ? undefined : key(primary);
      },
      dataDir: '/nonexistent',
      openStore: () => disk,
    });
    const host = { name, up: true, sender };
    this.hosts.set(name, host);
    await sender.start();
    sender.pause();
    return host;
  }

  /** The region layer's roles for `name`, as `table` has them. */
  announce(name: string): void {
    for (const [bucket, holders] of this.table) {
      const role: BucketRole =
        holders[0] === name ? 'primary' : holders.includes(name) ? 'copy' : 'none';
      this.hosts.get(name)!.sender.bucketRole({ region: 'r', bucket }, role);
    }
  }

  write(e: RegionEvent): void {
    const at: BucketRef = { region: 'r', bucket: e.bucket! };
    for (const name of this.table.get(e.bucket!) ?? []) {
      const host = this.hosts.get(name);
      if (host?.up) host.sender.offer(e, at);
    }
  }

  async down(name: string): Promise<void> {
    const host = this.hosts.get(name)!;
    host.up = false;
    await host.sender.close();
  }

  /** What `name` answers a peer taking bucket `bucket` over: its queue, in order. */
  async held(name: string, bucket: number): Promise<RegionEvent[]> {
    const body = { t: 'sender.bucket', sender: 'p', region: 'r', bucket };
    const reply = (await this.hosts.get(name)!.sender.handle(body, ref(name))) as {
      events: RegionEvent[];
    };
    return reply.events;
  }

  #up(): Host[] {
    return [...this.hosts.values()].filter((h) => h.up);
  }

  #cluster(self: string): SiteCluster {
    const target = (k: string): Host => this.hosts.get(k.replace(/#0$/, ''))!;
    const profile = { senders: [{ id: 'p', running: true }] };
    const fake = {
      selfKey: key(self),
      active: true,
      members: () => this.#up().map((h) => ref(h.name)),
      profile: () => profile,
      hosts: (accept: (p: typeof profile) => boolean) =>
        accept(profile) ? this.#up().map((h) => ref(h.name)) : [],
      request: async (k: string, body: PeerBody) => {
        const host = target(k);
        if (!host?.up) throw new Error('peer down');
        return host.sender.handle(body, ref(self));
      },
      send: (k: string, body: PeerBody) => {
        const host = target(k);
        if (host?.up) void host.sender.handle(body, ref(self));
      },
    };
    return fake as unknown as SiteCluster;
  }
}

const key = (name: string): string => `${name}#0`;
const ref = (name: string) => ({ name, uid: name, session: 0 });

async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const keys = (events: RegionEvent[]): string[] => events.map((e) => e.key);

describe('a parallel sender taking a bucket over (HA-5, issue 14)', () => {
  it('a copy that becomes primary keeps the order and flags every event possibleDuplicate', async () => {
    const site = new FakeSite();
    site.table.set(0, ['a', 'b']);
    const [a, b] = [await site.launch('a', false), await site.launch('b', false)];
    site.announce('a');
    site.announce('b');
    for (let i = 1; i <= 5; i++) site.write(event(0, i));
    assert.ok((await site.held('b', 0)).every((e) => !e.possibleDuplicate));
    await site.down('a');
    site.table.set(0, ['b']);
    site.announce('b');
    await until('b to take over', async () =>
      (await site.held('b', 0)).every((e) => e.possibleDuplicate),
    );
    assert.deepEqual(keys(await site.held('b', 0)), ['b0-1', 'b0-2', 'b0-3', 'b0-4', 'b0-5']);
    assert.equal(b.sender.status().buckets?.primary, 1);
    assert.equal(a.sender.isRunning(), false);
    await site.down('b');
  });

  it('a new primary merges what another copy holds that it lacks, after its own events', async () => {
    const site = new FakeSite();
    site.table.set(0, ['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) await site.launch(name, false);
    for (const name of ['a', 'b', 'c']) site.announce(name);
    site.write(event(0, 1));
    // Event 2 reached only a and c before a died.
    for (const name of ['a', 'c'])
      site.hosts.get(name)!.sender.offer(event(0, 2), { region: 'r', bucket: 0 });
    await site.down('a');
    site.table.set(0, ['b', 'c']);
    site.announce('b');
    await until('b to hold both', async () => (await site.held('b', 0)).length === 2);
    assert.deepEqual(keys(await site.held('b', 0)), ['b0-1', 'b0-2']);
    await site.down('b');
    await site.down('c');
  });
});

describe('a persistent parallel sender over a whole-site restart (QUEUE-3, issue 14)', () => {
  async function queuedThenSiteDown(site: FakeSite): Promise<void> {
    site.table.set(0, ['a', 'b']);
    site.table.set(1, ['b', 'a']);
    await site.launch('a');
    await site.launch('b');
    site.announce('a');
    site.announce('b');
    for (let i = 1; i <= 3; i++) site.write(event(0, i));
    for (let i = 1; i <= 3; i++) site.write(event(1, i));
    await site.down('a');
    await site.down('b');
  }

  for (const order of [
    ['a', 'b'],
    ['b', 'a'],
  ]) {
    it(`relaunched ${order.join(' then ')}: the first holds every event once, flagged, in order`, async () => {
      const site = new FakeSite();
      await queuedThenSiteDown(site);
      const [first, second] = order as [string, string];
      // The first member back is alone: it is the primary of every bucket.
      site.table.set(0, [first]);
      site.table.set(1, [first]);
      await site.launch(first);
      site.announce(first);
      for (const bucket of [0, 1]) {
        await until(
          `bucket ${bucket} at ${first}`,
          async () => (await site.held(first, bucket)).length === 3,
        );
        const held = await site.held(first, bucket);
        assert.deepEqual(
          keys(held),
          [1, 2, 3].map((i) => `b${bucket}-${i}`),
        );
        assert.ok(held.every((e) => e.possibleDuplicate));
      }
      const back = await site.launch(second);
      site.table.set(0, [first, second]);
      site.table.set(1, [first, second]);
      site.announce(first);
      site.announce(second);
      // The region fills the new copies from the primary's snapshot.
      for (const bucket of [0, 1]) {
        back.sender.loadBucket({ region: 'r', bucket }, await site.held(first, bucket));
      }
      await until('the recovered events offered to the primary to leave', async () => {
        const rows = site.disks.get(second)!.rows.size;
        return rows === 6 && back.sender.status().queue.size === 6;
      });
      for (const bucket of [0, 1]) {
        assert.equal((await site.held(first, bucket)).length, 3, 'nothing was added twice');
        assert.equal((await site.held(second, bucket)).length, 3, 'the copy holds the queue');
      }
      await site.down(first);
      await site.down(second);
    });
  }

  it('a member back with rows acknowledged while it was down: taking over, it drops them', async () => {
    const site = new FakeSite();
    site.table.set(0, ['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) await site.launch(name);
    for (const name of ['a', 'b', 'c']) site.announce(name);
    site.write(event(0, 1));
    site.write(event(0, 2));
    await site.down('c');
    // a's ack of event 1 reaches the copy that is up (b), not c.
    const removed = { t: 'sender.removed', sender: 'p', region: 'r', bucket: 0, ids: ['w/0/1'] };
    await site.hosts.get('b')!.sender.handle(removed, ref('a'));
    await site.down('a');
    site.table.set(0, ['c', 'b']);
    await site.launch('c');
    site.announce('c');
    await until('c to take over', async () => {
      const held = await site.held('c', 0);
      return held.length === 1 && held[0]!.possibleDuplicate;
    });
    assert.deepEqual(keys(await site.held('c', 0)), ['b0-2'], 'event 1 is not sent again');
    await site.down('b');
    await site.down('c');
  });

  it('recovered events of a bucket held elsewhere are offered to its primary, then dropped here', async () => {
    const site = new FakeSite();
    site.table.set(0, ['a']);
    await site.launch('a');
    site.announce('a');
    site.write(event(0, 1));
    site.write(event(0, 2));
    await site.down('a');
    // b runs alone meanwhile, primary of bucket 0 with one newer event.
    site.table.set(0, ['b']);
    const b = await site.launch('b');
    site.announce('b');
    site.write(event(0, 3));
    const a = await site.launch('a');
    site.announce('a');
    a.sender.update();
    await until('b to hold all three', async () => (await site.held('b', 0)).length === 3);
    assert.deepEqual(keys(await site.held('b', 0)), ['b0-3', 'b0-1', 'b0-2']);
    await until('a to drop what it offered', async () => a.sender.status().queue.size === 0);
    assert.equal(site.disks.get('a')!.rows.size, 0, "a's rows are gone from its disk");
    assert.equal(b.sender.status().queue.size, 3);
    await site.down('a');
    await site.down('b');
  });
});
