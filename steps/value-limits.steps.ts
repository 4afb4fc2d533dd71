import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { JsonValue } from '../contract/index.js';
import { ControlApiError } from '../harness/client/control-client.js';
import type { WanWorld } from './support/world.js';

/** `[[[..."leaf"...]]]`, `depth` arrays deep. */
function nested(depth: number): JsonValue {
  let value: JsonValue = 'leaf';
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

When(
  'I put a value nested {int} levels deep as {string} in region {string} at site {site}',
  async function (this: WanWorld, depth: number, key: string, region: string, site: string) {
    await this.siteClient(site).put(region, key, nested(depth));
  },
);

Then(
  'site {site} eventually has the value nested {int} levels deep as {string} in region {string}',
  async function (this: WanWorld, site: string, depth: number, key: string, region: string) {
    const expected = JSON.stringify(nested(depth));
    await this.eventually(
      `a value ${depth} levels deep as ${key} in ${region} at site ${site}`,
      () => this.siteClient(site).entry(region, key),
      (entry) => entry !== undefined && JSON.stringify(entry.value) === expected,
    );
  },
);

Then(
  'putting a value nested {int} levels deep as {string} in region {string} at site {site} is refused with {int} {word}',
  async function (
    this: WanWorld,
    depth: number,
    key: string,
    region: string,
    site: string,
    status: number,
    code: string,
  ) {
    const client = this.siteClient(site);
    const error = await client.put(region, key, nested(depth)).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof ControlApiError, `a value ${depth} levels deep was accepted`);
    assert.equal(error.status, status);
    assert.equal(error.body?.code, code);
    assert.equal(await client.entry(region, key), undefined, 'the refused value was stored');
  },
);
