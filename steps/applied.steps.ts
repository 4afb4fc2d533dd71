import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { AppliedEvent } from '../contract/index.js';
import { checkDelivery } from '../harness/checkers/delivery-checks.js';
import {
  checkPerKeyOrder,
  checkPerThreadOrder,
  checkWriteOrder,
} from '../harness/checkers/order-checks.js';
import { appliedSinceNoted } from './support/baseline.js';
import type { WanWorld } from './support/world.js';
import { roundValue } from './support/values.js';

/** Remote events of one region a site applied since the scenario noted its log. */
async function appliedRemote(world: WanWorld, site: string, region: string, prefix = '') {
  const applied = await appliedSinceNoted(world, world.siteMember(site));
  return applied.filter(
    (a) => a.source === 'remote' && a.event.region === region && a.event.key.startsWith(prefix),
  );
}

function keysOf(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}

function describeViolations(
  violations: Array<{ stream: string; expected: string; observed: string }>,
) {
  return violations
    .slice(0, 5)
    .map((v) => `${v.stream}: expected ${v.expected}, observed ${v.observed}`)
    .join('\n');
}

Then(
  'site {site} applied the {int} entries with prefix {string} in region {string} exactly once each',
  async function (this: WanWorld, site: string, count: number, prefix: string, region: string) {
    const verdict = checkDelivery(
      keysOf(prefix, count),
      await appliedRemote(this, site, region, prefix),
    );
    assert.deepEqual(verdict.lost, [], 'lost');
    assert.deepEqual(verdict.repeated, [], 'applied more than once');
    assert.deepEqual(verdict.unexpected, [], 'not written by this scenario');
  },
);

Then(
  'site {site} applied the {int} entries with prefix {string} in region {string}, any repeat flagged possibleDuplicate',
  async function (this: WanWorld, site: string, count: number, prefix: string, region: string) {
    const verdict = checkDelivery(
      keysOf(prefix, count),
      await appliedRemote(this, site, region, prefix),
    );
    assert.deepEqual(verdict.lost, [], 'lost');
    assert.deepEqual(verdict.unflaggedRepeats, [], 'applied again without possibleDuplicate');
  },
);

Then(
  'site {site} applied the {int} rounds of every key with prefix {string} in region {string} in order',
  async function (this: WanWorld, site: string, rounds: number, prefix: string, region: string) {
    const applied = await appliedRemote(this, site, region, prefix);
    const keys = [...new Set(applied.map((a) => a.event.key))];
    const expected = Array.from({ length: rounds }, (_, r) => roundValue(r));
    const violations = checkPerKeyOrder(keys, applied, () => expected);
    assert.deepEqual(violations, [], describeViolations(violations));
  },
);

Then(
  'site {site} applied the events of every client thread in region {string} in the order they were made',
  async function (this: WanWorld, site: string, region: string) {
    const violations = checkPerThreadOrder(await appliedRemote(this, site, region));
    assert.deepEqual(violations, [], describeViolations(violations));
  },
);

Then(
  'site {site} applied the {int} puts with prefix {string} in region {string} in the order they were made',
  async function (this: WanWorld, site: string, count: number, prefix: string, region: string) {
    const violations = checkWriteOrder(
      keysOf(prefix, count),
      await appliedRemote(this, site, region, prefix),
    );
    assert.deepEqual(violations, [], describeViolations(violations));
  },
);

/**
 * SEND-8 with one dispatcher: the site applied the events in the order the origin site queued
 * them, which for a site of one member is the order that member applied them (its log).
 */
Then(
  'site {site} applied the events with prefix {string} in region {string} in the order site {site} queued them',
  async function (this: WanWorld, site: string, prefix: string, region: string, origin: string) {
    const queued = (await appliedSinceNoted(this, this.siteMember(origin)))
      .filter(
        (a) => a.source === 'local' && a.event.region === region && a.event.key.startsWith(prefix),
      )
      .map((a) => a.event.key);
    assert.ok(queued.length > 1, `site ${origin} queued ${queued.length} events of ${region}`);
    const violations = checkWriteOrder(queued, await appliedRemote(this, site, region, prefix));
    assert.deepEqual(violations, [], describeViolations(violations));
  },
);

Then(
  'site {site} applied {int} events in region {string}',
  async function (this: WanWorld, site: string, count: number, region: string) {
    assert.equal((await appliedRemote(this, site, region)).length, count);
  },
);

Then(
  'every key with prefix {string} in region {string} at site {site} eventually holds {string}',
  async function (this: WanWorld, prefix: string, region: string, site: string, value: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `every key with prefix ${prefix} in ${region} at site ${site} to hold ${value}`,
      async () => {
        const entries = (await client.entries(region)).filter((e) => e.key.startsWith(prefix));
        return {
          keys: entries.length,
          wrong: entries.filter((e) => e.value !== value).map((e) => e.key),
        };
      },
      (observed) => observed.keys > 0 && observed.wrong.length === 0,
    );
  },
);

/** QUEUE-4: applied-at at the remote site minus created-at at the origin; one host, one clock. */
Then(
  'the event {string} in region {string} reached site {site} between {int} and {int} ms after it was written',
  async function (
    this: WanWorld,
    key: string,
    region: string,
    site: string,
    minMs: number,
    maxMs: number,
  ) {
    const applied: AppliedEvent | undefined = (await appliedRemote(this, site, region)).find(
      (a) => a.event.key === key,
    );
    assert.ok(applied, `site ${site} did not apply ${key}`);
    const lagMs = applied.appliedAtMs - applied.event.createdAtMs;
    assert.ok(lagMs >= minMs && lagMs <= maxMs, `${key} arrived ${lagMs} ms after it was written`);
  },
);
