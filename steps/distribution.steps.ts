import assert from 'node:assert/strict';
import { DataTable, Then, When } from '@cucumber/cucumber';
import type { AppliedEvent } from '../contract/index.js';
import {
  appliedSince,
  baselineOf,
  recordOf,
  settled,
  type RecordedWrite,
} from './support/scenario-record.js';
import { canonicalEntries } from '../harness/checkers/entry-canon.js';
import type { WanWorld } from './support/world.js';

/** The events of one key a site applied since the scenario started (after everything settled). */
async function appliedAt(
  world: WanWorld,
  site: string,
  region: string,
  key: string,
): Promise<AppliedEvent[]> {
  const member = world.siteMember(site);
  const events = await appliedSince(member.client, baselineOf(world, member.name).lastSeq);
  return events.filter((e) => e.event.region === region && e.event.key === key);
}

function idList(text: string): number[] {
  return text.trim() === '' ? [] : text.split(/\s*,\s*/).map(Number);
}

Then('every sender queue is eventually empty', async function (this: WanWorld) {
  await settled(this.deployment);
});

Then('the senders queued exactly:', async function (this: WanWorld, table: DataTable) {
  await settled(this.deployment);
  const problems: string[] = [];
  for (const row of table.hashes()) {
    const member = this.siteMember(row.site!);
    const before = baselineOf(this, member.name).senders.get(row.sender!);
    assert.ok(before, `site ${row.site} has no sender "${row.sender}"`);
    const now = (await member.client.sender(row.sender!)).stats;
    const queued = now.eventsQueued - before.eventsQueued;
    const skipped = now.eventsNotQueued - before.eventsNotQueued;
    if (queued !== Number(row.queued) || skipped !== Number(row.skipped)) {
      problems.push(
        `site ${row.site} ${row.sender}: queued ${queued}, skipped ${skipped} (expected ${row.queued}, ${row.skipped})`,
      );
    }
  }
  assert.deepEqual(problems, []);
});

Then(
  'every site applied each of {string} in region {string} exactly once',
  async function (this: WanWorld, keys: string, region: string) {
    await settled(this.deployment);
    const problems: string[] = [];
    for (const site of this.deployment.topology.sites) {
      for (const key of keys.split(/\s*,\s*/)) {
        const times = (await appliedAt(this, site.name, region, key)).length;
        if (times !== 1) problems.push(`site ${site.id} applied "${key}" ${times} times`);
      }
    }
    assert.deepEqual(problems, []);
  },
);

Then(
  'site {site} applied {string} in region {string} exactly {int} time(s)',
  async function (this: WanWorld, site: string, key: string, region: string, times: number) {
    await settled(this.deployment);
    assert.equal((await appliedAt(this, site, region, key)).length, times);
  },
);

Then(
  'site {site} applied {string} in region {string} as {string}',
  async function (this: WanWorld, site: string, key: string, region: string, ops: string) {
    await settled(this.deployment);
    const applied = await appliedAt(this, site, region, key);
    assert.deepEqual(
      applied.map((e) => e.event.op),
      ops.split(/\s*,\s*/),
    );
  },
);

Then(
  'site {site} received {string} in region {string} from site {site}',
  async function (this: WanWorld, site: string, key: string, region: string, from: string) {
    await settled(this.deployment);
    const remote = (await appliedAt(this, site, region, key)).filter((e) => e.source === 'remote');
    assert.ok(remote.length > 0, `site ${site} applied no remote event for "${key}"`);
    const fromId = this.deployment.site(from).id;
    assert.deepEqual(
      remote.map((e) => e.fromDsid),
      remote.map(() => fromId),
    );
  },
);

Then(
  'the event for {string} in region {string} reached site {site} with origin site {site} and recipients {string}',
  async function (
    this: WanWorld,
    key: string,
    region: string,
    site: string,
    origin: string,
    recipients: string,
  ) {
    await settled(this.deployment);
    const remote = (await appliedAt(this, site, region, key)).filter((e) => e.source === 'remote');
    assert.equal(remote.length, 1, `site ${site} applied ${remote.length} remote events`);
    const event = remote[0]!.event;
    assert.equal(event.originDsid, this.deployment.site(origin).id);
    assert.deepEqual(
      [...event.recipients].sort((a, b) => a - b),
      idList(recipients),
    );
  },
);

When(
  'I put these entries in region {string} at site {site} in one putAll:',
  async function (this: WanWorld, region: string, site: string, table: DataTable) {
    const entries = table.hashes().map((row) => ({ key: row.key!, value: row.value! }));
    const sentAtMs = Date.now();
    const results = await this.siteClient(site).putAll(region, entries);
    const answeredAtMs = Date.now();
    const siteId = this.deployment.site(site).id;
    results.forEach((result, i) => {
      const write: RecordedWrite = {
        siteId,
        region,
        key: result.key,
        value: entries[i]!.value,
        result,
        sentAtMs,
        answeredAtMs,
      };
      recordOf(this).writes.push(write);
    });
  },
);

Then(
  'every site eventually holds the writes made at site {site} in region {string}, with their versions',
  async function (this: WanWorld, site: string, region: string) {
    const siteId = this.deployment.site(site).id;
    const last = new Map<string, RecordedWrite>();
    for (const write of recordOf(this).writes) {
      if (write.region === region && write.siteId === siteId) last.set(write.key, write);
    }
    assert.ok(last.size > 0, `no write was made at site ${site} in region "${region}"`);
    await settled(this.deployment);
    const expected = [...last.values()]
      .filter((w) => w.value !== undefined)
      .map((w) => ({ key: w.key, value: w.value, version: w.result.version }));
    for (const other of this.deployment.topology.sites) {
      const client = this.siteClient(other.name);
      await this.eventually(
        `site ${other.id} to hold the writes of site ${site} in ${region}, versions included`,
        async () => {
          const held = (await client.entries(region)).filter((e) => last.has(e.key));
          return canonicalEntries(held);
        },
        (held) => held === canonicalEntries(expected),
      );
    }
  },
);

Then(
  'every site applied each of the {int} entries with prefix {string} in region {string} exactly once',
  async function (this: WanWorld, count: number, prefix: string, region: string) {
    await settled(this.deployment);
    const problems: string[] = [];
    for (const site of this.deployment.topology.sites) {
      const member = this.siteMember(site.name);
      const events = await appliedSince(member.client, baselineOf(this, member.name).lastSeq);
      const times = new Map<string, number>();
      for (const { event } of events) {
        if (event.region === region && event.key.startsWith(prefix)) {
          times.set(event.key, (times.get(event.key) ?? 0) + 1);
        }
      }
      for (let i = 0; i < count; i++) {
        const applied = times.get(`${prefix}${i}`) ?? 0;
        if (applied !== 1)
          problems.push(`site ${site.id} applied "${prefix}${i}" ${applied} times`);
      }
      if (times.size !== count) problems.push(`site ${site.id} applied ${times.size} keys`);
    }
    assert.deepEqual(problems, []);
  },
);

Then(
  'the receiver of site {site} is connected to senders {string} of site {site}',
  async function (this: WanWorld, site: string, senders: string, from: string) {
    const client = this.siteClient(site);
    const fromId = this.deployment.site(from).id;
    const expected = senders.split(/\s*,\s*/).map((id) => `${id}@${fromId}`);
    await this.eventually(
      `the receiver of site ${site} to have ${expected.join(', ')} connected`,
      async () => (await client.receiver()).connectedSenders,
      (connected) => expected.every((sender) => connected.includes(sender)),
    );
  },
);
