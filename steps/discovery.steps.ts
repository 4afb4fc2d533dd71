import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { DiscoveryRecord, LocatorView } from '../contract/index.js';
import type { LocatorHandle } from '../harness/deployment/deployment.js';
import { staysTrue } from '../harness/util/wait.js';
import { recordOf } from './support/scenario-record.js';
import type { WanWorld } from './support/world.js';

function runningLocators(world: WanWorld, site: string): LocatorHandle[] {
  const siteId = world.deployment.site(site).id;
  const locators = world.deployment
    .locators()
    .filter((l) => l.siteId === siteId && l.state === 'running');
  assert.ok(locators.length > 0, `site ${site} has no running locator`);
  return locators;
}

function locatorRecord(view: LocatorView, name: string): DiscoveryRecord | undefined {
  return view.locators.find((record) => record.name === name);
}

const incarnationNote = (name: string): string => `incarnation of ${name}`;

/** Waits until every running locator of `site` sees what `accept` wants in its view. */
async function everyLocatorOf(
  world: WanWorld,
  site: string,
  description: string,
  accept: (view: LocatorView) => boolean,
): Promise<void> {
  for (const locator of runningLocators(world, site)) {
    await world.eventually(
      `locator ${locator.name} of site ${site} to ${description}`,
      () => locator.client.view(),
      accept,
    );
  }
}

/**
 * DISC-2: the plan handed to the engine driver (which turns it into each engine's locator
 * configuration) leaves the remote site out of the site's locators' contacts.
 */
Then(
  'no locator of site {site} is configured to contact site {site}',
  function (this: WanWorld, site: string, remote: string) {
    const model = this.deployment.site(site);
    const remoteId = this.deployment.site(remote).id;
    assert.ok(
      !model.remoteSiteIds.includes(remoteId),
      `the locators of site ${model.name} contact sites ${model.remoteSiteIds.join(', ')}`,
    );
  },
);
Then(
  'the locators of site {site} eventually know the receivers of site {site}',
  async function (this: WanWorld, site: string, remote: string) {
    const model = this.deployment.site(remote);
    const expected = model.members
      .filter((m) => m.hasReceiver)
      .map((m) => m.name)
      .sort();
    await everyLocatorOf(this, site, `know the receivers ${expected.join(', ')}`, (view) => {
      const known = view.receivers
        .filter((r) => r.dsid === model.id && r.status === 'up')
        .map((r) => r.name)
        .sort();
      return JSON.stringify(known) === JSON.stringify(expected);
    });
  },
);

Then(
  'every locator reports the distributed-system-id of its site and knows all {int} sites by theirs',
  async function (this: WanWorld, siteCount: number) {
    const sites = this.deployment.topology.sites;
    assert.equal(sites.length, siteCount);
    const expected = sites.map((s) => `${s.id}:${s.locators.join('+')}`).sort();
    for (const locator of this.deployment.locators().filter((l) => l.state === 'running')) {
      const health = await locator.client.health();
      assert.equal(
        health.distributedSystemId,
        locator.siteId,
        `${locator.name} reports another id`,
      );
      await this.eventually(
        `locator ${locator.name} to know every site's locators by id`,
        () => locator.client.view(),
        (view) => {
          const byId = sites.map((s) => {
            const names = view.locators.filter((r) => r.dsid === s.id).map((r) => r.name);
            return `${s.id}:${names.sort().join('+')}`;
          });
          return JSON.stringify(byId.sort()) === JSON.stringify(expected);
        },
      );
    }
  },
);

When('the locator {string} is stopped', async function (this: WanWorld, name: string) {
  const locator = this.deployment.locator(name);
  const self = locatorRecord(await locator.client.view(), name);
  recordOf(this).notes.set(incarnationNote(name), self?.incarnation);
  await locator.stop();
});

When('the locator {string} is started', async function (this: WanWorld, name: string) {
  await this.deployment.startLocator(name);
});

Then(
  'the locators of site {site} eventually see locator {string} as down',
  async function (this: WanWorld, site: string, name: string) {
    await everyLocatorOf(
      this,
      site,
      `see ${name} down`,
      (view) => locatorRecord(view, name)?.status === 'down',
    );
  },
);

/** DISC-3: a receiver's stop reaches the site's remote locators in what they exchange. */
Then(
  'the locators of site {site} eventually see the receiver of member {string} as down',
  async function (this: WanWorld, site: string, member: string) {
    await everyLocatorOf(
      this,
      site,
      `see the receiver of ${member} down`,
      (view) => view.receivers.find((record) => record.name === member)?.status === 'down',
    );
  },
);

Then(
  'the locators of site {site} eventually see locator {string} up again, restarted',
  async function (this: WanWorld, site: string, name: string) {
    const before = recordOf(this).notes.get(incarnationNote(name)) as number | undefined;
    assert.ok(before !== undefined, `locator ${name} was not stopped in this scenario`);
    await everyLocatorOf(this, site, `see ${name} up with a new incarnation`, (view) => {
      const record = locatorRecord(view, name);
      return record?.status === 'up' && record.incarnation > before;
    });
  },
);

Then(
  'the locators of site {site} still see locator {string} as up for {int} ms',
  async function (this: WanWorld, site: string, name: string, durationMs: number) {
    for (const locator of runningLocators(this, site)) {
      await staysTrue(
        () => locator.client.view(),
        (view) => locatorRecord(view, name)?.status === 'up',
        { durationMs, description: `locator ${locator.name} to see ${name} up` },
      );
    }
  },
);

/**
 * SEND-2: every running sender is connected, to a receiver proxy of the link to its remote
 * site (never a locator, never another link), and that site's receivers list it.
 */
Then(
  'every sender is connected only to a gateway receiver of its remote site',
  async function (this: WanWorld) {
    const deployment = this.deployment;
    const proxies = await deployment.links.states();
    for (const member of deployment.members().filter((m) => m.state === 'running')) {
      const site = deployment.site(member.spec.siteName);
      for (const sender of await member.client.senders()) {
        const link = deployment.linkName(site.id, sender.remoteDistributedSystemId);
        const status = await this.eventually(
          `sender ${sender.id} at site ${site.id} to connect`,
          () => member.client.sender(sender.id),
          (s) => s.connected,
        );
        const through = proxies.find((p) => p.listen === status.receiver);
        assert.ok(
          through,
          `sender ${sender.id} at site ${site.id} dials ${status.receiver}, no proxy`,
        );
        assert.equal(
          through.link,
          link,
          `sender ${sender.id} at site ${site.id} uses ${through.name}`,
        );
        assert.ok(
          through.name.includes('.receiver.'),
          `${through.name} does not lead to a receiver`,
        );
        const remote = deployment.members(deployment.site(sender.remoteDistributedSystemId).name);
        const listed = await Promise.all(
          remote.map(async (m) => (await m.client.receiver()).connectedSenders),
        );
        assert.ok(
          listed.flat().includes(`${sender.id}@${site.id}`),
          `no receiver of site ${sender.remoteDistributedSystemId} lists ${sender.id}@${site.id}`,
        );
      }
    }
  },
);
