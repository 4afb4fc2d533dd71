import assert from 'node:assert/strict';
import { type DataTable, Then, When } from '@cucumber/cucumber';
import type { JsonValue } from '../contract/index.js';
import { KeepWriting } from '../harness/workload/keep-writing.js';
import { stateOf } from './support/scenario-state.js';
import { roundValue } from './support/values.js';
import type { WanWorld } from './support/world.js';

/** Entries per put-all request; a request's events are queued in one turn of the engine. */
const PUT_ALL_CHUNK = 5000;

When(
  'I put {int} entries with prefix {string} in one request in region {string} at site {site}',
  async function (this: WanWorld, count: number, prefix: string, region: string, site: string) {
    const entries = Array.from({ length: count }, (_, i) => ({
      key: `${prefix}${i}`,
      value: `${prefix}-value-${i}`,
    }));
    assert.equal((await this.siteClient(site).putAll(region, entries)).length, count);
  },
);

When(
  'I put {int} entries with prefix {string} and {int}-byte values in region {string} at site {site}',
  async function (
    this: WanWorld,
    count: number,
    prefix: string,
    valueBytes: number,
    region: string,
    site: string,
  ) {
    const client = this.siteClient(site);
    const value = 'v'.repeat(valueBytes);
    for (let from = 0; from < count; from += PUT_ALL_CHUNK) {
      const size = Math.min(PUT_ALL_CHUNK, count - from);
      const entries = Array.from({ length: size }, (_, i) => ({
        key: `${prefix}${from + i}`,
        value,
      }));
      await client.putAll(region, entries);
    }
  },
);

/** Round 0 creates every key, each later round updates every key: values `round-<r>`. */
When(
  'I put {int} rounds of updates to {int} keys with prefix {string} in one request in region {string} at site {site}',
  async function (
    this: WanWorld,
    rounds: number,
    keys: number,
    prefix: string,
    region: string,
    site: string,
  ) {
    const entries: Array<{ key: string; value: JsonValue }> = [];
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < keys; k++)
        entries.push({ key: `${prefix}${k}`, value: roundValue(round) });
    }
    await this.siteClient(site).putAll(region, entries);
  },
);

/** SEND-4 under policy `thread`: client threads 1..n write at once, keys `<prefix><t>-<i>`. */
When(
  '{int} client threads each put {int} entries with prefix {string} in region {string} at site {site}',
  async function (
    this: WanWorld,
    threads: number,
    count: number,
    prefix: string,
    region: string,
    site: string,
  ) {
    const client = this.siteClient(site);
    // One put per request, so the threads' events interleave in the sender's queue.
    await Promise.all(
      Array.from({ length: threads }, async (_, t) => {
        const thread = t + 1;
        for (let i = 0; i < count; i++) {
          await client.put(region, `${prefix}${thread}-${i}`, `${prefix}${thread}-value-${i}`, {
            thread,
          });
        }
      }),
    );
  },
);

/**
 * One client thread's requests (order policy `thread` keeps them in one lane): a put-all of
 * `<prefix>0` … `<prefix><n-1>`, or one put.
 */
When(
  'client thread {int} puts {int} entries with prefix {string} in one request in region {string} at site {site}',
  async function (
    this: WanWorld,
    thread: number,
    count: number,
    prefix: string,
    region: string,
    site: string,
  ) {
    const entries = Array.from({ length: count }, (_, i) => ({
      key: `${prefix}${i}`,
      value: `${prefix}-value-${i}`,
    }));
    const results = await this.siteClient(site).putAll(region, entries, { thread });
    assert.equal(results.length, count);
  },
);

When(
  'client thread {int} puts {string} = {string} in region {string} at site {site}',
  async function (
    this: WanWorld,
    thread: number,
    key: string,
    value: string,
    region: string,
    site: string,
  ) {
    await this.siteClient(site).put(region, key, value, { thread });
  },
);

/** TX-1, TX-3, TX-4: transaction t puts `<prefix><t>-0` … `<prefix><t>-<m-1>`. */
When(
  'I commit {int} transaction(s) of {int} puts each with prefix {string} in region {string} at site {site}',
  async function (
    this: WanWorld,
    transactions: number,
    puts: number,
    prefix: string,
    region: string,
    site: string,
  ) {
    const client = this.siteClient(site);
    for (let t = 0; t < transactions; t++) {
      const result = await client.transaction(
        Array.from({ length: puts }, (_, i) => ({
          op: 'put' as const,
          region,
          key: `${prefix}${t}-${i}`,
          value: `tx-${t}`,
        })),
      );
      assert.equal(result.events.length, puts);
    }
  },
);

/** One transaction over several regions, its operations in table order (columns region, key). */
When(
  'I commit one transaction at site {site} that puts:',
  async function (this: WanWorld, site: string, table: DataTable) {
    const operations = table.hashes().map((row) => ({
      op: 'put' as const,
      region: row.region!,
      key: row.key!,
      value: `tx-${row.key!}`,
    }));
    const result = await this.siteClient(site).transaction(operations);
    assert.equal(result.events.length, operations.length);
  },
);

When(
  'I put {string} = {string} in region {string} on member {string}',
  async function (this: WanWorld, key: string, value: string, region: string, member: string) {
    await this.deployment.member(member).client.put(region, key, value);
  },
);

/** QUEUE-3: a writer running while its member is killed. */
When(
  'a client keeps putting entries with prefix {string} in region {string} at site {site}',
  function (this: WanWorld, prefix: string, region: string, site: string) {
    stateOf(this).writer = new KeepWriting(this.siteClient(site), region, prefix);
  },
);

When(
  'member {string} is killed after at least {int} puts returned',
  async function (this: WanWorld, name: string, count: number) {
    const writer = stateOf(this).writer;
    assert.ok(writer, 'no client is writing in this scenario');
    await this.eventually(
      `${count} puts to return`,
      async () => writer.acknowledged.length,
      (acknowledged) => acknowledged >= count || writer.failure !== undefined,
    );
    assert.equal(writer.failure, undefined, `the writer failed before the kill: ${writer.failure}`);
    await this.deployment.member(name).kill();
    await writer.done;
    writer.stop();
  },
);

Then(
  'every entry whose put returned eventually reaches site {site} in region {string}',
  async function (this: WanWorld, site: string, region: string) {
    const writer = stateOf(this).writer;
    assert.ok(writer, 'no client wrote in this scenario');
    const client = this.siteClient(site);
    const expected = writer.acknowledged;
    await this.eventually(
      `the ${expected.length} acknowledged entries at site ${site}`,
      async () => {
        const present = new Set((await client.entries(region)).map((e) => e.key));
        return expected.filter((key) => !present.has(key));
      },
      (missing) => missing.length === 0,
    );
  },
);
