import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { MemberHandle } from '../harness/deployment/deployment.js';
import type { SenderAction } from '../harness/client/member-client.js';
import { memoryOf } from './support/site-memory.js';
import type { WanWorld } from './support/world.js';

/**
 * Stops, starts, shutdowns and restarts of a sender's hosts in a chosen order (issue 14): the
 * scenario notes which member is primary and which secondary, then acts on "the former
 * primary" and "the former secondary".
 */

type Role = 'primary' | 'secondary';

function former(world: WanWorld, role: string): string {
  assert.ok(role === 'primary' || role === 'secondary', `"${role}": primary or secondary`);
  const memory = memoryOf(world);
  const name = role === 'primary' ? memory.formerPrimary : memory.formerSecondary;
  assert.ok(name, `no ${role} was noted`);
  return name;
}

async function noteRoles(world: WanWorld, id: string, site: string): Promise<void> {
  const members = world.deployment.members(world.deployment.site(site).name);
  assert.equal(members.length, 2, 'these steps need a site of two members');
  const roles = await world.eventually(
    `one primary and one secondary of sender ${id} at site ${site}`,
    () => Promise.all(members.map(async (m) => ({ m, s: await m.client.sender(id) }))),
    (all) => all.every((x) => x.s.running) && all.filter((x) => x.s.primary).length === 1,
  );
  const memory = memoryOf(world);
  memory.formerPrimary = roles.find((x) => x.s.primary)!.m.name;
  memory.formerSecondary = roles.find((x) => !x.s.primary)!.m.name;
}

const senderActions: Record<string, SenderAction> = { stopped: 'stop', started: 'start' };

When(
  'the primary and the secondary of sender {string} at site {site} are noted',
  async function (this: WanWorld, id: string, site: string) {
    await noteRoles(this, id, site);
  },
);

When(
  'sender {string} is {word} on the former {word}',
  async function (this: WanWorld, id: string, verb: string, role: Role) {
    const action = senderActions[verb];
    assert.ok(action, `unknown sender action "${verb}" (stopped, started)`);
    await this.deployment.member(former(this, role)).client.senderAction(id, action);
  },
);

When(
  'sender {string} is {word} on both former members at once',
  async function (this: WanWorld, id: string, verb: string) {
    const action = senderActions[verb];
    assert.ok(action, `unknown sender action "${verb}" (stopped, started)`);
    const names = [former(this, 'primary'), former(this, 'secondary')];
    await Promise.all(names.map((n) => this.deployment.member(n).client.senderAction(id, action)));
  },
);

const memberFaults: Record<string, (world: WanWorld, member: MemberHandle) => Promise<void>> = {
  'shut down': (_world, member) => member.stop(),
  killed: (_world, member) => member.kill(),
  'started again': (world, member) => world.deployment.startMember(member.name),
};

for (const [fault, act] of Object.entries(memberFaults)) {
  When(`the former {word} is ${fault}`, async function (this: WanWorld, role: Role) {
    await act(this, this.deployment.member(former(this, role)));
  });
  When(`both former members are ${fault} at once`, async function (this: WanWorld) {
    const names = [former(this, 'primary'), former(this, 'secondary')];
    await Promise.all(names.map((n) => act(this, this.deployment.member(n))));
  });
}

/** A whole site shut down gracefully (SIGTERM to both at once), by member names. */
When(
  'members {string} and {string} are shut down at once',
  async function (this: WanWorld, first: string, second: string) {
    await Promise.all([first, second].map((n) => this.deployment.member(n).stop()));
  },
);

Then(
  'the queue of sender {string} on the former {word} eventually holds {int} events',
  async function (this: WanWorld, id: string, role: Role, count: number) {
    const client = this.deployment.member(former(this, role)).client;
    await this.eventually(
      `the former ${role} to report ${count} events queued in sender ${id}`,
      async () => (await client.sender(id)).queue.size,
      (size) => size === count,
    );
  },
);

Then(
  'for {int} ms the queue of sender {string} on the former {word} holds {int} events',
  async function (this: WanWorld, ms: number, id: string, role: Role, count: number) {
    const client = this.deployment.member(former(this, role)).client;
    await this.staysTrue(
      `the former ${role} to keep reporting ${count} events queued in sender ${id}`,
      ms,
      async () => (await client.sender(id)).queue.size,
      (size) => size === count,
    );
  },
);

/** HA-1 after restarts: one primary (what each member dispatched before does not matter here). */
Then(
  'exactly one member of site {site} is eventually primary of sender {string}',
  async function (this: WanWorld, site: string, id: string) {
    const members = this.deployment
      .members(this.deployment.site(site).name)
      .filter((m) => m.state === 'running');
    await this.eventually(
      `exactly one primary of sender ${id} at site ${site}`,
      () => Promise.all(members.map((m) => m.client.sender(id))),
      (all) => all.filter((s) => s.primary).length === 1 && all.every((s) => s.running),
    );
  },
);
