import assert from 'node:assert/strict';
import { After, Then, When } from '@cucumber/cucumber';
import { isHarnessError, messageOf } from '../harness/errors.js';
import { memoryOf } from './support/site-memory.js';
import type { WanWorld } from './support/world.js';

/** Member lifecycle and the site's view of its members (issue 4). */

After(function (this: WanWorld) {
  memoryOf(this).load?.stop();
});

When('member {string} is shut down', async function (this: WanWorld, name: string) {
  await this.deployment.member(name).stop();
});

When('member {string} is frozen', async function (this: WanWorld, name: string) {
  await this.deployment.member(name).freeze();
});

When('member {string} is thawed', async function (this: WanWorld, name: string) {
  await this.deployment.member(name).thaw();
});

/** `change` is one attribute, e.g. `batchConflation: true`. */
When(
  'member {string} is restarted with its sender {string} changed to {string}',
  async function (this: WanWorld, name: string, senderId: string, change: string) {
    const at = change.indexOf(':');
    const field = change.slice(0, at).trim();
    const value: unknown = JSON.parse(change.slice(at + 1).trim());
    const member = this.deployment.member(name);
    if (member.state === 'running') await member.stop();
    try {
      // The field is the user's: the engine, not the type, says whether it is an attribute.
      await this.deployment.startMemberWith(name, (planned) => ({
        ...planned,
        senders: planned.senders.map((s) => (s.id === senderId ? { ...s, [field]: value } : s)),
      }));
      memoryOf(this).refusal = undefined;
    } catch (error) {
      if (!isHarnessError(error)) throw error;
      memoryOf(this).refusal = messageOf(error);
    }
  },
);

Then('its start is refused with {string}', function (this: WanWorld, expected: string) {
  const refusal = memoryOf(this).refusal;
  assert.ok(refusal, 'the member started, but it should have been refused');
  assert.ok(refusal.includes(expected), `the refusal does not mention ${expected}:\n${refusal}`);
});

/** The view of a site at each of its locators and running members: names, oldest first. */
async function views(
  world: WanWorld,
  site: string,
): Promise<Array<{ at: string; names: string[] }>> {
  const model = world.deployment.site(site);
  const locators = world.deployment
    .locators()
    .filter((l) => model.locators.includes(l.name) && l.state === 'running');
  const members = world.deployment.members(model.name).filter((m) => m.state === 'running');
  return Promise.all([
    ...locators.map(async (l) => ({
      at: l.name,
      names: (await l.client.view()).membership.members.map((m) => m.name),
    })),
    ...members.map(async (m) => ({
      at: m.name,
      names: (await m.client.cluster()).members.map((x) => x.name),
    })),
  ]);
}

function agree(all: Array<{ names: string[] }>, accept: (names: string[]) => boolean): boolean {
  return (
    all.length > 0 &&
    all.every((v) => v.names.join() === all[0]!.names.join()) &&
    accept(all[0]!.names)
  );
}

/** Every locator of the site and every running member list the same members in one order. */
Then(
  'the view of site {site} eventually lists {int} members, the same at every locator and member',
  async function (this: WanWorld, site: string, count: number) {
    await this.eventually(
      `one view of ${count} members of site ${site} everywhere`,
      () => views(this, site),
      (all) => agree(all, (names) => names.length === count),
    );
  },
);

Then(
  'the view of site {site} eventually lists {int} members, without {string}',
  async function (this: WanWorld, site: string, count: number, name: string) {
    await this.eventually(
      `one view of ${count} members of site ${site} without ${name} everywhere`,
      () => views(this, site),
      (all) => agree(all, (names) => names.length === count && !names.includes(name)),
    );
  },
);

/** A restarted or rejoining member is the youngest: last in every view. */
Then(
  'member {string} is eventually the youngest of {int} members of site {site} in every view',
  async function (this: WanWorld, name: string, count: number, site: string) {
    await this.eventually(
      `${name} last of ${count} members of site ${site} everywhere`,
      () => views(this, site),
      (all) => agree(all, (names) => names.length === count && names.at(-1) === name),
    );
  },
);

When(
  'I put {int} entries with prefix {string} in region {string} at member {string}',
  async function (this: WanWorld, count: number, prefix: string, region: string, name: string) {
    const client = this.deployment.member(name).client;
    const memory = memoryOf(this);
    for (let i = 0; i < count; i++) {
      const result = await client.put(region, `${prefix}${i}`, `${prefix}-value-${i}`);
      if (result.bucket !== undefined) memory.buckets.set(result.key, result.bucket);
    }
  },
);

When(
  'I put {string} = {string} in region {string} at member {string}',
  async function (this: WanWorld, key: string, value: string, region: string, name: string) {
    const result = await this.deployment.member(name).client.put(region, key, value);
    if (result.bucket !== undefined) memoryOf(this).buckets.set(key, result.bucket);
  },
);

Then(
  'member {string} eventually has {int} entries in region {string}',
  async function (this: WanWorld, name: string, count: number, region: string) {
    const client = this.deployment.member(name).client;
    await this.eventually(
      `${count} entries in ${region} at member ${name}`,
      () => client.size(region),
      (size) => size === count,
    );
  },
);

Then(
  'every running member of site {site} eventually has {int} entries in region {string}',
  async function (this: WanWorld, site: string, count: number, region: string) {
    const members = this.deployment
      .members(this.deployment.site(site).name)
      .filter((m) => m.state === 'running');
    await this.eventually(
      `${count} entries in ${region} at every running member of site ${site}`,
      () => Promise.all(members.map(async (m) => `${m.name}=${await m.client.size(region)}`)),
      (sizes) => sizes.every((s) => s.endsWith(`=${count}`)),
    );
  },
);

Then(
  'member {string} answers with {string} = {string} in region {string}',
  async function (this: WanWorld, name: string, key: string, value: string, region: string) {
    const entry = await this.deployment.member(name).client.entry(region, key);
    assert.equal(entry?.value, value, `member ${name} has ${JSON.stringify(entry)}`);
  },
);

/** Read at once, no waiting: the member must already hold it. */
Then(
  'member {string} has {int} entries in region {string}',
  async function (this: WanWorld, name: string, count: number, region: string) {
    assert.equal(await this.deployment.member(name).client.size(region), count);
  },
);
