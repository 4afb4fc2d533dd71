import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { ControlApiError } from '../harness/client/control-client.js';
import { RawGatewayClient } from '../harness/client/raw-gateway-client.js';
import type { BadGatewayInput } from '../harness/engines/engine-driver.js';
import { receiverCount } from './support/baseline.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

/** Starts or stops the receiver at a site unless it is so already; proxies follow its port. */
async function setReceiverRunning(world: WanWorld, site: string, running: boolean) {
  const member = world.siteMember(site);
  if ((await member.client.receiver()).running === running) return;
  if (!running) await member.client.receiverAction('stop');
  else
    await world.deployment.startReceiver(member.name, () => member.client.receiverAction('start'));
}

Given(
  'the gateway receiver at site {site} is stopped',
  async function (this: WanWorld, site: string) {
    await setReceiverRunning(this, site, false);
  },
);

When(
  'the gateway receiver at site {site} is started',
  async function (this: WanWorld, site: string) {
    await setReceiverRunning(this, site, true);
  },
);

Then(
  'the gateway receiver at site {site} is running',
  async function (this: WanWorld, site: string) {
    const status = await this.siteClient(site).receiver();
    assert.equal(status.running, true);
    assert.ok(status.port !== undefined, 'a running receiver has a port');
  },
);

Then(
  'the gateway receiver at site {site} is not running',
  async function (this: WanWorld, site: string) {
    const status = await this.siteClient(site).receiver();
    assert.equal(status.running, false);
    assert.equal(status.port, undefined);
  },
);

Then(
  'the receiver at site {site} counts {int} {string}',
  async function (this: WanWorld, site: string, count: number, stat: string) {
    assert.equal(await receiverCount(this, this.siteMember(site), stat), count, stat);
  },
);

Then(
  'the receiver at site {site} counts at least {int} {string}',
  async function (this: WanWorld, site: string, count: number, stat: string) {
    const observed = await receiverCount(this, this.siteMember(site), stat);
    assert.ok(observed >= count, `${stat} is ${observed}`);
  },
);

Then(
  'the receiver at site {site} eventually counts {int} {string}',
  async function (this: WanWorld, site: string, count: number, stat: string) {
    const member = this.siteMember(site);
    await this.eventually(
      `the receiver at site ${site} to count ${count} ${stat}`,
      () => receiverCount(this, member, stat),
      (observed) => observed === count,
    );
  },
);

Then(
  'the receiver at site {site} eventually counts at least {int} {string}',
  async function (this: WanWorld, site: string, count: number, stat: string) {
    const member = this.siteMember(site);
    await this.eventually(
      `the receiver at site ${site} to count at least ${count} ${stat}`,
      () => receiverCount(this, member, stat),
      (observed) => observed >= count,
    );
  },
);

Then(
  'the receiver at site {site} eventually has {int} connections from sender {string}',
  async function (this: WanWorld, site: string, count: number, senderId: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `${count} connections of sender ${senderId} at the receiver of site ${site}`,
      async () =>
        (await client.receiver()).connectedSenders.filter((s) => s.startsWith(`${senderId}@`))
          .length,
      (connections) => connections === count,
    );
  },
);

/** RECV-4: the control API is how a receiver is created at runtime (Geode's gfsh). */
When(
  'I create another gateway receiver on member {string}',
  async function (this: WanWorld, name: string) {
    const client = this.deployment.member(name).client;
    try {
      await client.createReceiver({ startPort: 5000, endPort: 5500 });
    } catch (error) {
      stateOf(this).refusal = error;
      return;
    }
    stateOf(this).refusal = undefined;
  },
);

Then(
  'it is refused with code {string} saying {string}',
  function (this: WanWorld, code: string, text: string) {
    const refusal = stateOf(this).refusal;
    assert.ok(
      refusal instanceof ControlApiError,
      `the request was not refused: ${String(refusal)}`,
    );
    assert.equal(refusal.body?.code, code);
    assert.ok(refusal.body?.message.includes(text), `the message was: ${refusal.body?.message}`);
  },
);

const BAD_FRAMES: Record<string, BadGatewayInput> = {
  'a frame that is not MessagePack': 'garbage',
  'a frame longer than the receiver accepts': 'oversized',
  'a batch before any hello': 'batch-before-hello',
};

When(
  'a client sends {string} to the gateway receiver at site {site} through the link from site {site}',
  async function (this: WanWorld, what: string, site: string, from: string) {
    const kind = BAD_FRAMES[what];
    assert.ok(kind, `unknown bad input "${what}"; known: ${Object.keys(BAD_FRAMES).join(', ')}`);
    const link = this.deployment.linkName(from, site);
    const target = this.siteMember(site).name;
    const proxy = this.deployment.layout.proxies.find(
      (p) => p.link === link && p.kind === 'receiver' && p.target === target,
    );
    assert.ok(proxy, `no receiver proxy on link ${link} for ${target}`);
    const wire = this.deployment.driver.gatewayWire;
    assert.ok(
      wire,
      `the ${this.deployment.driver.name} driver has no gateway wire (raw-gateway-input)`,
    );
    stateOf(this).rawClient = await RawGatewayClient.send(proxy.listen, wire.badInput(kind));
  },
);

Then(
  "the client's connection is eventually closed by the receiver",
  async function (this: WanWorld) {
    const client = stateOf(this).rawClient;
    assert.ok(client, 'no raw client connected in this scenario');
    try {
      await this.eventually(
        'the receiver to close the bad connection',
        async () => client.isClosed,
        (closed) => closed,
      );
    } finally {
      client.destroy();
    }
  },
);

When(
  'a plain-text client sends a gateway batch to the receiver at site {site} through the link from site {site}',
  async function (this: WanWorld, site: string, from: string) {
    const link = this.deployment.linkName(from, site);
    const target = this.siteMember(site).name;
    const proxy = this.deployment.layout.proxies.find(
      (p) => p.link === link && p.kind === 'receiver' && p.target === target,
    );
    assert.ok(proxy, `no receiver proxy on link ${link} for ${target}`);
    const wire = this.deployment.driver.gatewayWire;
    assert.ok(wire, `the ${this.deployment.driver.name} driver has no gateway wire`);
    const batch = wire.batchFrame([{ key: 'plain-text', value: 'v' }]);
    stateOf(this).rawClient = await RawGatewayClient.send(proxy.listen, batch);
  },
);
