import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { RawGatewayClient } from '../harness/client/raw-gateway-client.js';
import type { BadClusterInput, ClusterWire } from '../harness/engines/engine-driver.js';
import type { LocatorHandle, MemberHandle } from '../harness/deployment/deployment.js';
import { stateOf } from './support/scenario-state.js';
import type { WanWorld } from './support/world.js';

/** SEC-1: forged frames on a locator's port and a member's peer port (issue 17). */
const BAD_CLUSTER_FRAMES: Record<string, BadClusterInput> = {
  'a request of an unknown kind': 'unknown-request',
  'a MessagePack nil': 'nil',
};

function badFrame(world: WanWorld, what: string): Buffer {
  const kind = BAD_CLUSTER_FRAMES[what];
  assert.ok(
    kind,
    `unknown bad frame "${what}"; known: ${Object.keys(BAD_CLUSTER_FRAMES).join(', ')}`,
  );
  const wire: ClusterWire | undefined = world.deployment.driver.clusterWire;
  assert.ok(wire, `the ${world.deployment.driver.name} driver has no cluster wire`);
  return wire.badInput(kind);
}

function addressOf(text: string): { host: string; port: number } {
  const at = text.lastIndexOf(':');
  return { host: text.slice(0, at), port: Number(text.slice(at + 1)) };
}

function siteLocator(world: WanWorld, member: MemberHandle): LocatorHandle {
  const locator = world.deployment
    .locators()
    .find((l) => l.siteId === member.siteId && l.state === 'running');
  assert.ok(locator, `no running locator in the site of ${member.name}`);
  return locator;
}

async function locatorErrors(locator: LocatorHandle): Promise<number> {
  const { protocolErrors } = await locator.client.view();
  assert.ok(protocolErrors !== undefined, `locator ${locator.name} reports no protocolErrors`);
  return protocolErrors;
}

async function peerErrors(member: MemberHandle): Promise<number> {
  const { peerProtocolErrors } = await member.client.cluster();
  assert.ok(
    peerProtocolErrors !== undefined,
    `member ${member.name} reports no peerProtocolErrors`,
  );
  return peerProtocolErrors;
}

/** Sends the bytes straight to the port, as a process on the same machine would. */
async function sendAndAwaitClose(world: WanWorld, address: string, bytes: Buffer): Promise<void> {
  const client = await RawGatewayClient.send(addressOf(address), bytes);
  try {
    await world.eventually(
      `the connection to ${address} to be closed`,
      async () => client.isClosed,
      (closed) => closed,
    );
  } finally {
    client.destroy();
  }
}

function noteBefore(world: WanWorld, name: string, pid: number, protocolErrors: number): void {
  const state = stateOf(world);
  state.forged ??= new Map();
  state.forged.set(name, { pid, protocolErrors });
}

function before(world: WanWorld, name: string): { pid: number; protocolErrors: number } {
  const noted = stateOf(world).forged?.get(name);
  assert.ok(noted, `no forged frame was sent to ${name} in this scenario`);
  return noted;
}

When(
  'a client sends {string} to locator {string}',
  async function (this: WanWorld, what: string, name: string) {
    const bytes = badFrame(this, what);
    const locator = this.deployment.locator(name);
    const [health, view] = await Promise.all([locator.client.health(), locator.client.view()]);
    noteBefore(this, name, health.pid, view.protocolErrors ?? 0);
    await sendAndAwaitClose(this, view.address, bytes);
  },
);

When(
  'a client sends {string} to the peer port of member {string}',
  async function (this: WanWorld, what: string, name: string) {
    const bytes = badFrame(this, what);
    const member = this.deployment.member(name);
    const view = await siteLocator(this, member).client.view();
    const peer = view.membership.members.find((m) => m.name === name)?.peer;
    assert.ok(peer, `the locator's view of the site gives no peer address for ${name}`);
    const health = await member.client.health();
    noteBefore(this, name, health.pid, await peerErrors(member));
    await sendAndAwaitClose(this, peer, bytes);
  },
);

Then(
  'locator {string} is the same process and counts one more protocol error',
  async function (this: WanWorld, name: string) {
    const noted = before(this, name);
    const locator = this.deployment.locator(name);
    assert.equal(locator.state, 'running', `locator ${name} is ${locator.state}`);
    assert.equal((await locator.client.health()).pid, noted.pid, `locator ${name} restarted`);
    await this.eventually(
      `locator ${name} to count ${noted.protocolErrors + 1} protocol errors`,
      () => locatorErrors(locator),
      (count) => count === noted.protocolErrors + 1,
    );
  },
);

Then(
  'member {string} is the same process and counts one more peer protocol error',
  async function (this: WanWorld, name: string) {
    const noted = before(this, name);
    const member = this.deployment.member(name);
    assert.equal(member.state, 'running', `member ${name} is ${member.state}`);
    assert.equal((await member.client.health()).pid, noted.pid, `member ${name} restarted`);
    await this.eventually(
      `member ${name} to count ${noted.protocolErrors + 1} peer protocol errors`,
      () => peerErrors(member),
      (count) => count === noted.protocolErrors + 1,
    );
  },
);
