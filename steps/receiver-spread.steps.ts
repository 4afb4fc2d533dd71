import { Then, When } from '@cucumber/cucumber';
import type { WanWorld } from './support/world.js';

/** Receivers on several members: where the senders' connections go (RECV-3, RECV-6). */

/** The remote members whose receivers the connected dispatchers of a sender use. */
async function receiversUsed(world: WanWorld, id: string, site: string): Promise<string[]> {
  const deployment = world.deployment;
  const proxies = (await deployment.links.states()).filter((p) => p.name.includes('.receiver.'));
  const members = deployment
    .members(deployment.site(site).name)
    .filter((m) => m.state === 'running');
  const used = new Set<string>();
  for (const member of members) {
    const status = await member.client.sender(id);
    const addresses = status.dispatchers
      ? status.dispatchers.filter((d) => d.connected).map((d) => d.receiver)
      : [status.connected ? status.receiver : undefined];
    for (const address of addresses) {
      const proxy = proxies.find((p) => p.listen === address);
      if (proxy) used.add(proxy.name.slice(proxy.name.indexOf('.receiver.') + '.receiver.'.length));
    }
  }
  return [...used].sort();
}

function names(list: string): string[] {
  return list
    .split(',')
    .map((n) => n.trim())
    .sort();
}

When('the receiver of member {string} is stopped', async function (this: WanWorld, name: string) {
  await this.deployment.member(name).client.receiverAction('stop');
});

When('the receiver of member {string} is started', async function (this: WanWorld, name: string) {
  const client = this.deployment.member(name).client;
  await this.deployment.startReceiver(name, () => client.receiverAction('start'));
});

When(
  'sender {string} is rebalanced on every member of site {site}',
  async function (this: WanWorld, id: string, site: string) {
    for (const member of this.deployment.members(this.deployment.site(site).name)) {
      if (member.state === 'running') await member.client.rebalance(id);
    }
  },
);

Then(
  'the connections of sender {string} at site {site} eventually use the receivers of {string}',
  async function (this: WanWorld, id: string, site: string, expected: string) {
    await this.eventually(
      `sender ${id} at site ${site} connected to the receivers of ${expected}`,
      () => receiversUsed(this, id, site),
      (used) => used.join() === names(expected).join(),
    );
  },
);

Then(
  'the connections of sender {string} at site {site} stay on the receiver of {string} for {int} ms',
  async function (this: WanWorld, id: string, site: string, expected: string, durationMs: number) {
    await this.staysTrue(
      `sender ${id} at site ${site} connected only to ${expected}`,
      durationMs,
      () => receiversUsed(this, id, site),
      (used) => used.join() === expected,
    );
  },
);
