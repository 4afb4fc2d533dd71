import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { WanWorld } from './support/world.js';

When(
  'the link from site {site} to site {site} is cut',
  async function (this: WanWorld, from: string, to: string) {
    await this.deployment.links.setLinkEnabled(this.deployment.linkName(from, to), false);
  },
);

When(
  'the link from site {site} to site {site} is restored',
  async function (this: WanWorld, from: string, to: string) {
    await this.deployment.links.setLinkEnabled(this.deployment.linkName(from, to), true);
  },
);

When(
  'the links between site {site} and site {site} are cut',
  async function (this: WanWorld, a: string, b: string) {
    await this.deployment.links.setLinkEnabled(this.deployment.linkName(a, b), false);
    await this.deployment.links.setLinkEnabled(this.deployment.linkName(b, a), false);
  },
);

When(
  'the links between site {site} and site {site} are restored',
  async function (this: WanWorld, a: string, b: string) {
    await this.deployment.links.setLinkEnabled(this.deployment.linkName(a, b), true);
    await this.deployment.links.setLinkEnabled(this.deployment.linkName(b, a), true);
  },
);

/** Proves the sender dials the proxy of its link, never the receiver itself (design.md §1). */
Then(
  'sender {string} at site {site} is connected through the link to site {site}',
  async function (this: WanWorld, id: string, site: string, remote: string) {
    const deployment = this.deployment;
    const link = deployment.linkName(site, remote);
    const proxies = (await deployment.links.states()).filter(
      (p) => p.link === link && p.name.includes('.receiver.'),
    );
    const client = this.siteClient(site);
    const status = await this.eventually(
      `sender ${id} at site ${site} to connect`,
      () => client.sender(id),
      (s) => s.connected,
    );
    assert.ok(
      proxies.some((p) => p.listen === status.receiver),
      `sender ${id} is connected to ${status.receiver}, which is not a proxy of link ${link} (${proxies.map((p) => p.listen).join(', ')})`,
    );
  },
);
