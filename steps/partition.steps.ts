import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { Then, When } from '@cucumber/cucumber';
import type { AppliedEvent, BucketsStatus } from '../contract/index.js';
import type { MemberHandle } from '../harness/deployment/deployment.js';
import { memoryOf } from './support/site-memory.js';
import type { WanWorld } from './support/world.js';

/** Partitioned regions, their buckets, and what parallel senders do with them (issue 4). */

const SETTLED_FOR_MS = 1000;

function running(world: WanWorld, site: string): MemberHandle[] {
  return world.deployment
    .members(world.deployment.site(site).name)
    .filter((m) => m.state === 'running');
}

function primaryCounts(status: BucketsStatus): Map<string, number> {
  const counts = new Map<string, number>();
  for (const b of status.buckets) {
    if (b.primary) counts.set(b.primary, (counts.get(b.primary) ?? 0) + 1);
  }
  return counts;
}

/** The keys written with `prefix` (and recorded with their bucket) whose bucket had `primary`. */
function keysOf(world: WanWorld, prefix: string, primary: (p: string) => boolean): string[] {
  const memory = memoryOf(world);
  assert.ok(memory.bucketPrimaries, 'the bucket primaries were not recorded');
  return [...memory.buckets]
    .filter(
      ([key, bucket]) => key.startsWith(prefix) && primary(memory.bucketPrimaries!.get(bucket)!),
    )
    .map(([key]) => key)
    .sort();
}

When(
  'I write {int} entries with prefix {string} to region {string} at site {site}',
  async function (this: WanWorld, count: number, prefix: string, region: string, site: string) {
    const client = this.siteClient(site);
    const memory = memoryOf(this);
    for (let i = 0; i < count; i++) {
      const result = await client.put(region, `${prefix}${i}`, `${prefix}-value-${i}`);
      assert.notEqual(result.bucket, undefined, `${region} is not partitioned`);
      memory.buckets.set(result.key, result.bucket!);
    }
  },
);

Then(
  'every bucket of region {string} at site {site} eventually has a primary and {int} redundant copy/copies',
  async function (this: WanWorld, region: string, site: string, copies: number) {
    const members = running(this, site);
    const names = new Set(members.map((m) => m.name));
    await this.eventually(
      `every bucket of ${region} at site ${site} with a running primary and ${copies} copies`,
      async () => {
        const status = await members[0]!.client.buckets(region);
        const bad = status.buckets.filter(
          (b) =>
            !b.primary ||
            !names.has(b.primary) ||
            b.copies.length !== copies ||
            b.initializing.length > 0 ||
            b.copies.some((c) => !names.has(c)),
        );
        return { buckets: status.buckets.length, bad: bad.length, first: bad[0] };
      },
      (o) => o.buckets === 113 && o.bad === 0,
    );
  },
);

Then(
  'the primary buckets of region {string} at site {site} are eventually spread evenly over {int} members',
  async function (this: WanWorld, region: string, site: string, count: number) {
    const client = running(this, site)[0]!.client;
    await this.eventually(
      `the primaries of ${region} spread over ${count} members`,
      async () => [...primaryCounts(await client.buckets(region)).values()],
      (counts) => counts.length === count && Math.max(...counts) - Math.min(...counts) <= 1,
    );
  },
);

Then(
  'member {string} is eventually primary of no bucket of region {string} at site {site}',
  async function (this: WanWorld, name: string, region: string, site: string) {
    const client = running(this, site)[0]!.client;
    await this.eventually(
      `${name} to hold no primary bucket of ${region}`,
      async () => primaryCounts(await client.buckets(region)).get(name) ?? 0,
      (n) => n === 0,
    );
  },
);

Then(
  'key {string} of region {string} is in bucket {int}',
  function (this: WanWorld, key: string, _region: string, bucket: number) {
    assert.equal(memoryOf(this).buckets.get(key), bucket);
  },
);

/** Once the site has settled: no copy filling, and the same table version for a while. */
When(
  'the bucket primaries of region {string} at site {site} are recorded',
  async function (this: WanWorld, region: string, site: string) {
    const client = running(this, site)[0]!.client;
    const settled = (s: BucketsStatus): boolean =>
      s.buckets.length > 0 && s.buckets.every((b) => b.primary && b.initializing.length === 0);
    const status = await this.eventually(
      `the bucket table of ${region} at site ${site} to settle`,
      async () => {
        const first = await client.buckets(region);
        if (!settled(first)) return undefined;
        await delay(SETTLED_FOR_MS);
        const second = await client.buckets(region);
        return second.tableVersion === first.tableVersion ? second : undefined;
      },
      (s) => s !== undefined,
    );
    memoryOf(this).bucketPrimaries = new Map(status!.buckets.map((b) => [b.id, b.primary!]));
  },
);

Then(
  'member {string} is still primary of the buckets recorded for it in region {string}',
  async function (this: WanWorld, name: string, region: string) {
    const recorded = memoryOf(this).bucketPrimaries;
    assert.ok(recorded, 'the bucket primaries were not recorded');
    const status = await this.deployment.member(name).client.buckets(region);
    const mine = [...recorded].filter(([, p]) => p === name).map(([b]) => b);
    assert.ok(mine.length > 0, `${name} held no primary bucket`);
    for (const bucket of mine)
      assert.equal(status.buckets[bucket]!.primary, name, `bucket ${bucket}`);
  },
);

/** STOP-4, PAUSE-2: what arrived is exactly what the other members' buckets hold. */
Then(
  'site {site} eventually has exactly the entries with prefix {string} whose bucket primary is not {string}',
  async function (this: WanWorld, site: string, prefix: string, name: string) {
    const expected = keysOf(this, prefix, (p) => p !== name);
    assert.ok(expected.length > 0 && expected.length < memoryOf(this).buckets.size);
    const client = this.siteClient(site);
    const region = 'orders';
    await this.eventually(
      `exactly the ${expected.length} entries of buckets not primary on ${name} at site ${site}`,
      async () =>
        (await client.entries(region))
          .map((e) => e.key)
          .filter((k) => k.startsWith(prefix))
          .sort(),
      (keys) => keys.join() === expected.join(),
    );
    await this.staysTrue(
      `only those ${expected.length} entries at site ${site}`,
      1500,
      async () => (await client.entries(region)).filter((e) => e.key.startsWith(prefix)).length,
      (n) => n === expected.length,
    );
  },
);

Then(
  'sender {string} on member {string} reports as dropped exactly the entries with prefix {string} of its primary buckets',
  async function (this: WanWorld, id: string, name: string, prefix: string) {
    const expected = keysOf(this, prefix, (p) => p === name);
    assert.ok(expected.length > 0, `${name} was primary of none of the buckets written`);
    const dropped = await this.deployment.member(name).client.dropped(id);
    const keys = dropped.events
      .map((e) => e.key)
      .filter((k) => k.startsWith(prefix))
      .sort();
    assert.deepEqual(keys, expected);
  },
);

/** STOP-4: a stopped parallel sender keeps what its primary buckets had queued. */
Then(
  'the queues of sender {string} on member {string} still hold the entries with prefix {string} of its primary buckets',
  async function (this: WanWorld, id: string, name: string, prefix: string) {
    const expected = keysOf(this, prefix, (p) => p === name).length;
    assert.ok(expected > 0, `${name} was primary of none of the buckets written`);
    const status = await this.deployment.member(name).client.sender(id);
    assert.equal(status.state, 'stopped');
    const queued = (status.dispatchers ?? []).reduce((n, d) => n + d.queueSize, 0);
    assert.equal(queued, expected, `${name} holds ${queued} events in its primary buckets`);
  },
);

When(
  'the statistics of sender {string} at site {site} are recorded',
  async function (this: WanWorld, id: string, site: string) {
    memoryOf(this).senderBaseline = new Map(
      await Promise.all(
        running(this, site).map(async (m) => [m.name, await m.client.sender(id)] as const),
      ),
    );
  },
);

/** SEND-5, HA-4: each member sent the events of the buckets it was primary of, and no other. */
Then(
  'every member of site {site} distributed through sender {string} exactly the events with prefix {string} of its primary buckets',
  async function (this: WanWorld, site: string, id: string, prefix: string) {
    const baseline = memoryOf(this).senderBaseline;
    assert.ok(baseline, 'the sender statistics were not recorded');
    for (const member of running(this, site)) {
      const expected = keysOf(this, prefix, (p) => p === member.name).length;
      assert.ok(expected > 0, `${member.name} was primary of none of the buckets written`);
      await this.eventually(
        `${member.name} to have distributed ${expected} events`,
        async () =>
          (await member.client.sender(id)).stats.eventsDistributed -
          baseline.get(member.name)!.stats.eventsDistributed,
        (n) => n === expected,
      );
    }
  },
);

/** SEND-9: every dispatcher of every member took part. */
Then(
  'every dispatcher of sender {string} on every member of site {site} dispatched batches',
  async function (this: WanWorld, id: string, site: string) {
    for (const member of running(this, site)) {
      const status = await member.client.sender(id);
      const dispatchers = status.dispatchers ?? [];
      assert.ok(dispatchers.length > 1, `${member.name} has ${dispatchers.length} dispatchers`);
      for (const d of dispatchers) {
        assert.ok(d.batchesDispatched > 0, `${member.name} dispatcher ${d.index} sent nothing`);
      }
    }
  },
);

/**
 * SEND-7: at the receiving site, the events of one bucket are applied in the order they were
 * made at the sending site: per origin stream (member, thread) and bucket, sequence numbers
 * only grow. Read from the applied logs of every member (each applies its primary buckets).
 */
Then(
  'site {site} applied the events of region {string} bucket by bucket in the order they were made',
  async function (this: WanWorld, site: string, region: string) {
    let streams = 0;
    for (const member of running(this, site)) {
      const applied: AppliedEvent[] = [];
      for (let after = 0; ;) {
        const page = await member.client.events(after);
        applied.push(...page.events);
        if (page.events.length === 0 || page.lastSeq <= after) break;
        after = page.events.at(-1)!.seq;
      }
      const last = new Map<string, number>();
      for (const a of applied) {
        if (a.source !== 'remote' || a.viaMember || a.event.region !== region) continue;
        const stream = `${a.event.id.member}/${a.event.id.thread}/${a.event.bucket}`;
        const before = last.get(stream);
        assert.ok(
          before === undefined || a.event.id.seq > before,
          `${member.name} applied ${stream} seq ${a.event.id.seq} after ${before}`,
        );
        last.set(stream, a.event.id.seq);
      }
      streams += last.size;
    }
    assert.ok(streams > 1, 'no bucket streams were applied');
  },
);
