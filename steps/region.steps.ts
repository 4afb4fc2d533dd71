import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { recordedWrite } from './support/scenario-record.js';
import { canonicalEntries } from '../harness/checkers/entry-canon.js';
import type { WanWorld } from './support/world.js';

When(
  'I put {string} = {string} in region {string} at site {site}',
  async function (this: WanWorld, key: string, value: string, region: string, site: string) {
    await recordedWrite(this, site, region, key, value);
  },
);

When(
  'I put {int} entries with prefix {string} in region {string} at site {site}',
  async function (this: WanWorld, count: number, prefix: string, region: string, site: string) {
    const client = this.siteClient(site);
    for (let i = 0; i < count; i++)
      await client.put(region, `${prefix}${i}`, `${prefix}-value-${i}`);
  },
);

When(
  'I destroy {string} in region {string} at site {site}',
  async function (this: WanWorld, key: string, region: string, site: string) {
    const result = await recordedWrite(this, site, region, key, undefined);
    assert.ok(result, `there was no entry "${key}" to destroy`);
  },
);

Then(
  'site {site} eventually has {string} = {string} in region {string}',
  async function (this: WanWorld, site: string, key: string, value: string, region: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `${key} = ${value} in ${region} at site ${site}`,
      () => client.entry(region, key),
      (entry) => entry?.value === value,
    );
  },
);

Then(
  'site {site} eventually has no entry {string} in region {string}',
  async function (this: WanWorld, site: string, key: string, region: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `no entry ${key} in ${region} at site ${site}`,
      () => client.entry(region, key),
      (entry) => entry === undefined,
    );
  },
);

Then(
  'site {site} eventually has {int} entries in region {string}',
  async function (this: WanWorld, site: string, count: number, region: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `${count} entries in ${region} at site ${site}`,
      () => client.size(region),
      (size) => size === count,
    );
  },
);

Then(
  'region {string} at site {site} stays at {int} entries for {int} ms',
  async function (this: WanWorld, region: string, site: string, count: number, durationMs: number) {
    const client = this.siteClient(site);
    await this.staysTrue(
      `${count} entries in ${region} at site ${site}`,
      durationMs,
      () => client.size(region),
      (size) => size === count,
    );
  },
);

Then(
  'sites {site} and {site} eventually hold the same entries in region {string}',
  async function (this: WanWorld, a: string, b: string, region: string) {
    const [left, right] = [this.siteClient(a), this.siteClient(b)];
    await this.eventually(
      `sites ${a} and ${b} to hold the same entries and versions in ${region}`,
      async () => {
        const [x, y] = await Promise.all([left.entries(region), right.entries(region)]);
        return { same: canonicalEntries(x) === canonicalEntries(y), sizes: [x.length, y.length] };
      },
      (observed) => observed.same,
    );
  },
);
