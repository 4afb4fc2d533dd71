import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { SenderStatus } from '../contract/index.js';
import type { MemberHandle } from '../harness/deployment/deployment.js';
import type { SenderAction } from '../harness/client/member-client.js';
import { memoryOf } from './support/site-memory.js';
import type { WanWorld } from './support/world.js';

/** Senders on several members: primaries, secondaries and their queue copies (issue 4). */

function runningMembers(world: WanWorld, site: string): MemberHandle[] {
  return world.deployment
    .members(world.deployment.site(site).name)
    .filter((m) => m.state === 'running');
}

async function statuses(
  members: MemberHandle[],
  id: string,
): Promise<Array<{ member: string; status: SenderStatus }>> {
  return Promise.all(
    members.map(async (m) => ({ member: m.name, status: await m.client.sender(id) })),
  );
}

function primaries(all: Array<{ member: string; status: SenderStatus }>): string[] {
  return all.filter((s) => s.status.primary).map((s) => s.member);
}

async function currentPrimary(world: WanWorld, id: string, site: string): Promise<string> {
  const found = await world.eventually(
    `one primary of sender ${id} at site ${site}`,
    async () => primaries(await statuses(runningMembers(world, site), id)),
    (p) => p.length === 1,
  );
  return found[0]!;
}

/** HA-1: exactly one running member dispatches; every other running one is a secondary. */
Then(
  'sender {string} at site {site} eventually has exactly one primary',
  async function (this: WanWorld, id: string, site: string) {
    const all = await this.eventually(
      `exactly one primary of sender ${id} at site ${site}`,
      () => statuses(runningMembers(this, site), id),
      (s) => primaries(s).length === 1 && s.every((x) => x.status.running),
    );
    const secondaries = all.filter((s) => !s.status.primary);
    assert.equal(secondaries.length, all.length - 1);
    for (const s of secondaries) {
      assert.equal(s.status.connected, false, `secondary ${s.member} must not dispatch`);
      assert.equal(s.status.stats.batchesDispatched, 0, `secondary ${s.member} dispatched`);
    }
  },
);

/** HA-1 over time: one primary; no other running member connects or dispatches a batch. */
Then(
  'for {int} ms sender {string} at site {site} keeps one primary, and no other member dispatches',
  async function (this: WanWorld, durationMs: number, id: string, site: string) {
    const members = runningMembers(this, site);
    const before = new Map(
      (await statuses(members, id)).map((s) => [s.member, s.status.stats.batchesDispatched]),
    );
    const inactive = (s: { member: string; status: SenderStatus }): boolean =>
      !s.status.connected && s.status.stats.batchesDispatched === before.get(s.member);
    await this.staysTrue(
      `one primary of sender ${id} at site ${site}, the other members dispatching nothing`,
      durationMs,
      () => statuses(members, id),
      (all) => primaries(all).length === 1 && all.every((s) => s.status.primary || inactive(s)),
    );
  },
);

Then(
  'the primary of sender {string} at site {site} is eventually member {string}',
  async function (this: WanWorld, id: string, site: string, name: string) {
    await this.eventually(
      `member ${name} to be the only primary of sender ${id} at site ${site}`,
      async () => primaries(await statuses(runningMembers(this, site), id)),
      (p) => p.length === 1 && p[0] === name,
    );
  },
);

const faults: Record<string, (member: MemberHandle) => Promise<void>> = {
  killed: (member) => member.kill(),
  frozen: (member) => member.freeze(),
  'shut down': (member) => member.stop(),
};
for (const [fault, inject] of Object.entries(faults)) {
  When(
    `the primary of sender {string} at site {site} is ${fault}`,
    async function (this: WanWorld, id: string, site: string) {
      const name = await currentPrimary(this, id, site);
      memoryOf(this).formerPrimary = name;
      await inject(this.deployment.member(name));
    },
  );
}

When('the former primary is thawed', async function (this: WanWorld) {
  const former = memoryOf(this).formerPrimary;
  assert.ok(former, 'no primary was recorded before the fault');
  await this.deployment.member(former).thaw();
});

Then(
  'another member of site {site} eventually becomes primary of sender {string}',
  async function (this: WanWorld, site: string, id: string) {
    const former = memoryOf(this).formerPrimary;
    assert.ok(former, 'no primary was recorded before the fault');
    await this.eventually(
      `a member other than ${former} to be the only primary of sender ${id}`,
      async () => primaries(await statuses(runningMembers(this, site), id)),
      (p) => p.length === 1 && p[0] !== former,
    );
  },
);

When(
  'sender {string} is {word} on member {string}',
  async function (this: WanWorld, id: string, verb: string, name: string) {
    const actions: Record<string, SenderAction> = {
      stopped: 'stop',
      started: 'start',
      paused: 'pause',
      resumed: 'resume',
    };
    const action = actions[verb];
    assert.ok(action, `unknown sender action "${verb}"`);
    await this.deployment.member(name).client.senderAction(id, action);
  },
);

When(
  'sender {string} is {word} on the primary at site {site}',
  async function (this: WanWorld, id: string, verb: string, site: string) {
    const name = await currentPrimary(this, id, site);
    memoryOf(this).formerPrimary = name;
    const action = ({ stopped: 'stop', paused: 'pause' } as Record<string, SenderAction>)[verb];
    assert.ok(action, `unknown sender action "${verb}" (stopped, paused)`);
    await this.deployment.member(name).client.senderAction(id, action);
  },
);

When(
  'sender {string} is paused on every secondary at site {site}',
  async function (this: WanWorld, id: string, site: string) {
    const primary = await currentPrimary(this, id, site);
    memoryOf(this).formerPrimary = primary;
    for (const member of runningMembers(this, site).filter((m) => m.name !== primary)) {
      await member.client.senderAction(id, 'pause');
    }
  },
);

Then(
  'the former primary is still primary of sender {string} at site {site}',
  async function (this: WanWorld, id: string, site: string) {
    const former = memoryOf(this).formerPrimary;
    assert.deepEqual(primaries(await statuses(runningMembers(this, site), id)), [former]);
  },
);

Then(
  'every running member of site {site} eventually holds {int} events in the queue of sender {string}',
  async function (this: WanWorld, site: string, count: number, id: string) {
    await this.eventually(
      `${count} queued events of sender ${id} on every running member of site ${site}`,
      async () =>
        (await statuses(runningMembers(this, site), id)).map(
          (s) => `${s.member}=${s.status.queue.size}`,
        ),
      (sizes) => sizes.every((s) => s.endsWith(`=${count}`)),
    );
  },
);

Then(
  'the receivers of site {site} eventually counted at least {int} possible duplicates',
  async function (this: WanWorld, site: string, count: number) {
    await this.eventually(
      `site ${site}'s receivers to count ${count} possibleDuplicate events`,
      async () => {
        const receivers = await Promise.all(
          runningMembers(this, site).map((m) => m.client.receiver()),
        );
        return receivers.reduce((n, r) => n + r.stats.possibleDuplicatesReceived, 0);
      },
      (n) => n >= count,
    );
  },
);

/** STOP-1: stopping acts on the member where it was invoked only. */
Then(
  "the sender {string} of the former primary is stopped while the other members' run",
  async function (this: WanWorld, id: string) {
    const former = memoryOf(this).formerPrimary;
    assert.ok(former, 'no primary was recorded');
    const site = this.deployment.member(former).spec.siteName;
    for (const s of await statuses(runningMembers(this, site), id)) {
      assert.equal(s.status.running, s.member !== former, `${s.member}: ${s.status.state}`);
    }
  },
);
