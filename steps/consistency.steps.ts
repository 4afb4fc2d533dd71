import assert from 'node:assert/strict';
import { defineParameterType, Then, When } from '@cucumber/cucumber';
import type { EntryBody, VersionTag } from '../contract/index.js';
import { ControlApiError } from '../harness/client/control-client.js';
import {
  baselineOf,
  recordedWrite,
  recordOf,
  settled,
  type RecordedWrite,
} from './support/scenario-record.js';
import { canonicalEntries, sameVersion } from '../harness/checkers/entry-canon.js';
import type { WanWorld } from './support/world.js';

/** "1, 2 and 3", "2 and 1", "london": sites by id or name, in order. */
defineParameterType({
  name: 'sites',
  regexp: /(?:[0-9]+|[A-Za-z][A-Za-z0-9_-]*)(?:(?:, | and )(?:[0-9]+|[A-Za-z][A-Za-z0-9_-]*))*/,
  transformer: (text: string) => text.split(/, | and /),
  useForSnippets: false,
});

/**
 * The default rule (CONS-4) as the harness understands it, independently of the engine: of
 * all the writes, the one with the latest timestamp wins, the higher site id on equal ones;
 * a site's later write beats its own earlier one.
 */
export function defaultRuleWinner(writes: readonly RecordedWrite[]): RecordedWrite | undefined {
  const later = (a: RecordedWrite, b: RecordedWrite): RecordedWrite => {
    const [x, y] = [a.result.version, b.result.version];
    if (x.timestamp !== y.timestamp) return x.timestamp > y.timestamp ? a : b;
    if (x.dsid !== y.dsid) return x.dsid > y.dsid ? a : b;
    return b;
  };
  return writes.reduce<RecordedWrite | undefined>(
    (best, write) => (best ? later(best, write) : write),
    undefined,
  );
}

function writesTo(world: WanWorld, region: string, key: string): RecordedWrite[] {
  return recordOf(world).writes.filter((w) => w.region === region && w.key === key);
}

function lastWriteFrom(world: WanWorld, site: string, region: string, key: string): RecordedWrite {
  const siteId = world.deployment.site(site).id;
  const write = writesTo(world, region, key)
    .filter((w) => w.siteId === siteId)
    .at(-1);
  assert.ok(write, `no write to "${key}" in region "${region}" was made at site ${site}`);
  return write;
}

function describeWrite(write: RecordedWrite | undefined): string {
  if (!write) return 'no write';
  const v = write.result.version;
  return `site ${write.siteId}'s ${write.value === undefined ? 'destroy' : JSON.stringify(write.value)} (timestamp ${v.timestamp}, dsid ${v.dsid})`;
}

async function everySiteHolds(
  world: WanWorld,
  region: string,
  key: string,
  expected: { value: string | undefined; version: VersionTag | undefined },
): Promise<void> {
  // A final state: judged once nothing is in flight, or a delayed event could still change it.
  await settled(world.deployment);
  const matches = (entry: EntryBody | undefined): boolean =>
    expected.value === undefined
      ? entry === undefined
      : entry?.value === expected.value && sameVersion(entry.version, expected.version);
  for (const site of world.deployment.topology.sites) {
    const client = world.siteClient(site.name);
    await world.eventually(
      `site ${site.id} to hold ${JSON.stringify(expected.value)} with version ${JSON.stringify(expected.version)} for "${key}" in ${region}`,
      () => client.entry(region, key),
      matches,
    );
  }
}

When(
  'sites {sites} write {string} in region {string}, in that order',
  async function (this: WanWorld, sites: string[], key: string, region: string) {
    for (const site of sites) {
      await recordedWrite(this, site, region, key, `from site ${this.deployment.site(site).id}`);
    }
  },
);

When(
  'events from site {site} to site {site} are delayed by {int} ms',
  async function (this: WanWorld, from: string, to: string, latencyMs: number) {
    // Upstream: the direction of the batches the sender writes (the acks come back downstream).
    await this.deployment.links.addToxic(
      this.deployment.linkName(from, to),
      { type: 'latency', latencyMs },
      'upstream',
    );
  },
);

When('the clocks of all sites are stopped at the same instant', async function (this: WanWorld) {
  const instant = Date.now();
  for (const member of this.deployment.members().filter((m) => m.state === 'running')) {
    const site = this.deployment.site(member.spec.siteName);
    await member.client.fixClock(site.clockOffsetMs, instant);
  }
});

When(
  'the clock of site {site} is set {int} ms {word}',
  async function (this: WanWorld, site: string, amountMs: number, direction: string) {
    assert.ok(direction === 'ahead' || direction === 'behind', 'say "ahead" or "behind"');
    const offsetMs = direction === 'ahead' ? amountMs : -amountMs;
    for (const member of this.deployment.members(this.deployment.site(site).name)) {
      await member.client.setClockOffset(offsetMs);
    }
  },
);

Then(
  'the clock of site {site} runs {int} ms ahead',
  async function (this: WanWorld, site: string, offsetMs: number) {
    const clock = await this.siteClient(site).clock();
    assert.equal(clock.offsetMs, offsetMs);
  },
);

Then(
  'the write from site {site} to {string} in region {string} was stamped {int} ms ahead of the real time',
  async function (this: WanWorld, site: string, key: string, region: string, aheadMs: number) {
    const write = lastWriteFrom(this, site, region, key);
    const stamp = write.result.version.timestamp;
    assert.ok(
      stamp >= write.sentAtMs + aheadMs && stamp <= write.answeredAtMs + aheadMs,
      `stamped ${stamp}, outside [${write.sentAtMs + aheadMs}, ${write.answeredAtMs + aheadMs}]`,
    );
  },
);

Then(
  'setting the clock offset of site {site} to {string} is refused with {int} {word}',
  async function (this: WanWorld, site: string, text: string, status: number, code: string) {
    const client = this.siteClient(site);
    const error = await client.request('PUT', '/v1/clock', { offsetMs: text }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ControlApiError, `the offset ${JSON.stringify(text)} was accepted`);
    assert.equal(error.status, status);
    assert.equal(error.body?.code, code);
    assert.equal((await client.clock()).offsetMs, this.deployment.site(site).clockOffsetMs);
  },
);

Then(
  'the write from site {site} to {string} in region {string} was made after the one from site {site}, with an earlier timestamp',
  async function (this: WanWorld, later: string, key: string, region: string, earlier: string) {
    const a = lastWriteFrom(this, later, region, key);
    const b = lastWriteFrom(this, earlier, region, key);
    assert.ok(a.sentAtMs > b.answeredAtMs, 'the writes were not made in that order');
    assert.ok(
      a.result.version.timestamp < b.result.version.timestamp,
      `${describeWrite(a)} is not stamped before ${describeWrite(b)}`,
    );
  },
);

Then(
  'the default rule picks the write from site {site} to {string} in region {string}',
  async function (this: WanWorld, site: string, key: string, region: string) {
    const winner = defaultRuleWinner(writesTo(this, region, key));
    const expected = lastWriteFrom(this, site, region, key);
    assert.equal(
      winner,
      expected,
      `the default rule picks ${describeWrite(winner)}, not ${describeWrite(expected)}: the writes did not happen as the scenario meant`,
    );
  },
);

Then(
  'every site eventually holds the write from site {site} to {string} in region {string}',
  async function (this: WanWorld, site: string, key: string, region: string) {
    const write = lastWriteFrom(this, site, region, key);
    await everySiteHolds(this, region, key, { value: write.value, version: write.result.version });
  },
);

/** How far a write's timestamp may be from the harness's clock around the request (no skew). */
const STAMP_TOLERANCE_MS = 1000;

/** CONS-3: the origin stamps its own distributed-system-id and the time of the write. */
Then(
  "the write from site {site} to {string} in region {string} is stamped with its site's id and the time it was made",
  function (this: WanWorld, site: string, key: string, region: string) {
    const write = lastWriteFrom(this, site, region, key);
    const { dsid, timestamp } = write.result.version;
    assert.equal(dsid, write.siteId, `${describeWrite(write)} carries another site's id`);
    assert.ok(
      timestamp >= write.sentAtMs - STAMP_TOLERANCE_MS &&
        timestamp <= write.answeredAtMs + STAMP_TOLERANCE_MS,
      `${describeWrite(write)} is not stamped with the time it was made (${write.sentAtMs}..${write.answeredAtMs})`,
    );
  },
);

Then(
  'every site eventually holds {string} = {string} in region {string} with the version of the write from site {site}',
  async function (this: WanWorld, key: string, value: string, region: string, site: string) {
    const write = lastWriteFrom(this, site, region, key);
    await everySiteHolds(this, region, key, { value, version: write.result.version });
  },
);

Then(
  'the writes to {string} in region {string} all have the same timestamp',
  async function (this: WanWorld, key: string, region: string) {
    const stamps = new Set(writesTo(this, region, key).map((w) => w.result.version.timestamp));
    assert.equal(stamps.size, 1, `timestamps: ${[...stamps].join(', ')}`);
  },
);

Then(
  'site {site} discarded {int} event(s) of region {string} as older',
  async function (this: WanWorld, site: string, count: number, region: string) {
    await settled(this.deployment);
    const member = this.siteMember(site);
    const now = (await member.client.conflicts(region)).stats.discardedAsOlder;
    const before = baselineOf(this, member.name).conflicts.get(region)?.discardedAsOlder ?? 0;
    assert.equal(now - before, count, `site ${site} discarded ${now - before} as older`);
  },
);

Then(
  'all sites eventually hold the same entries in region {string}',
  async function (this: WanWorld, region: string) {
    await settled(this.deployment);
    const sites = this.deployment.topology.sites;
    await this.eventually(
      `sites ${sites.map((s) => s.id).join(', ')} to hold the same entries and versions in ${region}`,
      async () => {
        const all = await Promise.all(
          sites.map(async (s) => {
            const entries = await this.siteClient(s.name).entries(region);
            return canonicalEntries(entries);
          }),
        );
        return {
          same: all.every((e) => e === all[0]),
          sizes: all.map((e) => JSON.parse(e).length),
        };
      },
      (observed) => observed.same,
    );
  },
);
