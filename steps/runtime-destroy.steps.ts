import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { ControlApiError } from '../harness/client/control-client.js';
import type { MemberHandle } from '../harness/deployment/deployment.js';
import type { KeepWriting } from '../harness/workload/keep-writing.js';
import { senderCount } from './support/baseline.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

/**
 * Issue 15 (GEODE-5, GEODE-6): regions destroyed, closed and created again, senders destroyed,
 * at runtime. "At site X" does it on every running member of the site, as Geode's
 * destroyRegion does over its cluster (never over the WAN); "on member" on that one only.
 */

/** How many puts of the scenario's client had returned when a region was destroyed or closed. */
const returnedAtChange = new WeakMap<WanWorld, number>();

function runningMembers(world: WanWorld, site: string): MemberHandle[] {
  return world.deployment
    .members(world.deployment.site(site).name)
    .filter((m) => m.state === 'running');
}

function writerOf(world: WanWorld): KeepWriting {
  const writer = stateOf(world).writer;
  assert.ok(writer, 'no client is putting in this scenario');
  return writer;
}

async function untilReturned(world: WanWorld, count: number): Promise<void> {
  const writer = writerOf(world);
  await world.eventually(
    `${count} puts to return`,
    async () => writer.acknowledged.length,
    (returned) => returned >= count || writer.failure !== undefined,
  );
}

async function destroyRegion(world: WanWorld, region: string, site: string): Promise<void> {
  for (const member of runningMembers(world, site)) {
    await member.client.removeRegion(region, 'destroy');
  }
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof ControlApiError && error.body?.code === code;
}

When(
  'region {string} is destroyed at site {site}',
  async function (this: WanWorld, region: string, site: string) {
    await destroyRegion(this, region, site);
  },
);

When(
  'region {string} is destroyed at site {site} after at least {int} puts returned',
  async function (this: WanWorld, region: string, site: string, count: number) {
    await untilReturned(this, count);
    await destroyRegion(this, region, site);
    returnedAtChange.set(this, writerOf(this).acknowledged.length);
  },
);

When(
  'region {string} is closed on member {string} after at least {int} puts returned',
  async function (this: WanWorld, region: string, name: string, count: number) {
    await untilReturned(this, count);
    await this.deployment.member(name).client.removeRegion(region, 'close');
    returnedAtChange.set(this, writerOf(this).acknowledged.length);
  },
);

Then(
  'site {site} eventually has the {int} entries with prefix {string} in region {string}',
  async function (this: WanWorld, site: string, count: number, prefix: string, region: string) {
    const client = this.siteClient(site);
    const expected = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    await this.eventually(
      `the ${count} entries with prefix ${prefix}`,
      async () => {
        const values = new Map((await client.entries(region)).map((e) => [e.key, e.value]));
        return expected.filter((key, i) => values.get(key) !== `${prefix}-value-${i}`);
      },
      (missing) => missing.length === 0,
    );
  },
);

When(
  'region {string} is created again at site {site}',
  async function (this: WanWorld, region: string, site: string) {
    for (const member of runningMembers(this, site)) await member.client.createRegion(region);
  },
);

When(
  'region {string} is created again on member {string}',
  async function (this: WanWorld, region: string, name: string) {
    await this.deployment.member(name).client.createRegion(region);
  },
);

When(
  'the client stops putting after {int} more puts returned',
  async function (this: WanWorld, more: number) {
    const from = returnedAtChange.get(this);
    assert.ok(from !== undefined, 'no region was destroyed or closed while the client was putting');
    await untilReturned(this, from + more);
    const writer = writerOf(this);
    writer.stop();
    await writer.done;
    assert.equal(writer.failure, undefined, `a put failed: ${String(writer.failure)}`);
  },
);

Then(
  "the client's puts stopped, refused with code {string}",
  async function (this: WanWorld, code: string) {
    const writer = writerOf(this);
    await writer.done;
    assert.ok(isCode(writer.failure, code), `the last put answered: ${String(writer.failure)}`);
  },
);

Then(
  'region {string} exists on no member of site {site}',
  async function (this: WanWorld, region: string, site: string) {
    for (const member of runningMembers(this, site)) {
      const names = (await member.client.regions()).map((r) => r.name);
      assert.ok(!names.includes(region), `${member.name} still lists ${region}: ${names}`);
      await assert.rejects(member.client.size(region), (e) => isCode(e, 'WAN_ERR_REGION_UNKNOWN'));
    }
  },
);

Then(
  'site {site} holds exactly the entries whose put returned in region {string} for {int} ms',
  async function (this: WanWorld, site: string, region: string, durationMs: number) {
    const expected = [...writerOf(this).acknowledged].sort();
    const client = this.siteClient(site);
    const keys = async (): Promise<string[]> =>
      (await client.entries(region)).map((e) => e.key).sort();
    await this.eventually(`the ${expected.length} entries that returned`, keys, (found) =>
      isSame(found, expected),
    );
    await this.staysTrue(`exactly the ${expected.length} entries`, durationMs, keys, (found) =>
      isSame(found, expected),
    );
  },
);

function isSame(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

Then(
  'the queue of sender {string} at site {site} holds at least {int} events for {int} ms',
  async function (this: WanWorld, id: string, site: string, count: number, durationMs: number) {
    const client = this.siteClient(site);
    await this.staysTrue(
      `the queue of ${id} to hold at least ${count} events`,
      durationMs,
      async () => (await client.sender(id)).queue.size,
      (size) => size >= count,
    );
  },
);

/** The puts that returned after the region was destroyed could only have been queued. */
Then(
  'every entry whose put returned after the destroy eventually reaches site {site} in region {string}',
  async function (this: WanWorld, site: string, region: string) {
    const from = returnedAtChange.get(this);
    assert.ok(from !== undefined, 'no region was destroyed while the client was putting');
    const expected = writerOf(this).acknowledged.slice(from);
    const client = this.siteClient(site);
    await this.eventually(
      `the ${expected.length} entries put after the destroy at site ${site}`,
      async () => {
        const present = new Set((await client.entries(region)).map((e) => e.key));
        return expected.filter((key) => !present.has(key));
      },
      (missing) => missing.length === 0,
    );
  },
);

/** Which member is primary of a serial sender is the site's choice: these read every member. */
Then(
  'sender {string} eventually counts at least {int} {string} over the members of site {site}',
  async function (this: WanWorld, id: string, count: number, stat: string, site: string) {
    const members = runningMembers(this, site);
    await this.eventually(
      `sender ${id} to count at least ${count} ${stat} over the members of site ${site}`,
      async () => {
        const counts = await Promise.all(members.map((m) => senderCount(this, m, id, stat)));
        return counts.reduce((sum, n) => sum + n, 0);
      },
      (total) => total >= count,
    );
  },
);

Then(
  'the last failure of sender {string} at site {site} is in region {string} with code {string}',
  async function (this: WanWorld, id: string, site: string, region: string, code: string) {
    const lists = await Promise.all(
      runningMembers(this, site).map(async (m) => (await m.client.sender(id)).recentFailures),
    );
    const lasts = lists.flatMap((failures) => failures.slice(-1));
    assert.ok(lasts.length > 0, 'no member of the site recorded a failure of the sender');
    for (const last of lasts) {
      assert.deepEqual({ region: last.region, code: last.code }, { region, code });
    }
  },
);

When(
  'I destroy sender {string} at site {site}',
  async function (this: WanWorld, id: string, site: string) {
    stateOf(this).refusal = undefined;
    for (const member of runningMembers(this, site)) {
      try {
        await member.client.destroySender(id);
      } catch (error) {
        stateOf(this).refusal = error;
        return;
      }
    }
  },
);

Then(
  'sender {string} exists on no member of site {site}',
  async function (this: WanWorld, id: string, site: string) {
    assert.equal(stateOf(this).refusal, undefined, `refused: ${String(stateOf(this).refusal)}`);
    for (const member of runningMembers(this, site)) {
      const ids = (await member.client.senders()).map((s) => s.id);
      assert.ok(!ids.includes(id), `${member.name} still lists ${id}: ${ids}`);
      await assert.rejects(member.client.sender(id), (e) => isCode(e, 'WAN_ERR_SENDER_UNKNOWN'));
    }
  },
);

Then(
  'sender {string} is running on every member of site {site}',
  async function (this: WanWorld, id: string, site: string) {
    for (const member of runningMembers(this, site)) {
      assert.equal((await member.client.sender(id)).running, true, `${id} on ${member.name}`);
    }
  },
);
