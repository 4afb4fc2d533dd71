import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { RawGatewayClient } from '../harness/client/raw-gateway-client.js';
import type { LocatorHandle } from '../harness/deployment/deployment.js';
import type { ForgedExchange } from '../harness/engines/engine-driver.js';
import { newSiteSecret } from '../harness/util/control-token.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

/** SEC-3 and SEC-4: per-site credentials (issue 17). */

/** Where a forged exchange says a receiver is: a port nothing listens on. */
const FAKE_ADDRESS = '127.0.0.1:9';

When(
  'member {string} is restarted holding a wrong secret for site {site}',
  async function (this: WanWorld, name: string, site: string) {
    const wrong = this.deployment.site(site);
    const member = this.deployment.member(name);
    if (member.state === 'running') await member.stop();
    await this.deployment.startMemberWithPlan(name, (plan) => ({
      ...plan,
      sites: plan.sites.map((s) => (s.id === wrong.id ? { ...s, secret: newSiteSecret() } : s)),
    }));
  },
);

async function refusedAt(locator: LocatorHandle): Promise<number> {
  const { authenticationsRefused } = await locator.client.view();
  assert.ok(
    authenticationsRefused !== undefined,
    `locator ${locator.name} reports no authenticationsRefused`,
  );
  return authenticationsRefused;
}

async function forge(world: WanWorld, locatorName: string, forgery: ForgedExchange): Promise<void> {
  const wire = world.deployment.driver.clusterWire;
  assert.ok(wire, `the ${world.deployment.driver.name} driver has no cluster wire`);
  const locator = world.deployment.locator(locatorName);
  const state = stateOf(world);
  state.refusedBefore ??= new Map();
  state.refusedBefore.set(locatorName, await refusedAt(locator));
  const view = await locator.client.view();
  const at = view.address.lastIndexOf(':');
  const client = await RawGatewayClient.send(
    { host: view.address.slice(0, at), port: Number(view.address.slice(at + 1)) },
    wire.forgedExchange(forgery),
  );
  try {
    // The locator answers (a refusal, or its view) and the exchange is over.
    await world.eventually(
      `locator ${locatorName} to answer the forged exchange`,
      async () => client.receivedBytes,
      (bytes) => bytes > 0,
    );
  } finally {
    client.destroy();
  }
}

function receiverOf(world: WanWorld, name: string): { recordDsid: number; receiver: string } {
  const member = world.deployment.member(name);
  return { recordDsid: member.siteId, receiver: name };
}

When(
  'a client without credentials sends locator {string} an exchange claiming site {site} that moves the receiver of member {string} to a fake address',
  async function (this: WanWorld, locator: string, site: string, member: string) {
    const claimDsid = this.deployment.site(site).id;
    await forge(this, locator, { claimDsid, ...receiverOf(this, member), address: FAKE_ADDRESS });
  },
);

When(
  'a client with the credentials of site {site} sends locator {string} an exchange claiming site {site} that moves the receiver of member {string} to a fake address',
  async function (this: WanWorld, owner: string, locator: string, site: string, member: string) {
    const secret = this.deployment.plan.sites.find(
      (s) => s.id === this.deployment.site(owner).id,
    )?.secret;
    assert.ok(secret, `site ${owner} has no secret: does the topology authenticate?`);
    const claimDsid = this.deployment.site(site).id;
    await forge(this, locator, {
      claimDsid,
      ...receiverOf(this, member),
      address: FAKE_ADDRESS,
      secret,
    });
  },
);

Then(
  'locator {string} eventually counts {int} more refused authentication(s)',
  async function (this: WanWorld, name: string, more: number) {
    const before = stateOf(this).refusedBefore?.get(name);
    assert.ok(before !== undefined, `no forged exchange was sent to ${name} in this scenario`);
    const locator = this.deployment.locator(name);
    await this.eventually(
      `locator ${name} to count ${before + more} refused authentications`,
      () => refusedAt(locator),
      (count) => count === before + more,
    );
  },
);

Then(
  'locator {string} lists no receiver at the fake address',
  async function (this: WanWorld, name: string) {
    const view = await this.deployment.locator(name).client.view();
    const forged = view.receivers.filter(
      (r) => r.address === FAKE_ADDRESS || JSON.stringify(r.advertise ?? {}).includes(FAKE_ADDRESS),
    );
    assert.deepEqual(forged, [], `locator ${name} took a forged receiver record`);
    assert.ok(view.receivers.length > 0, `locator ${name} lists no receiver at all`);
  },
);
