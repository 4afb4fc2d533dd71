import { Then } from '@cucumber/cucumber';
import type { WanWorld } from './support/world.js';

Then(
  'the queue of sender {string} at site {site} eventually holds {int} events',
  async function (this: WanWorld, id: string, site: string, count: number) {
    const client = this.siteClient(site);
    await this.eventually(
      `sender ${id} at site ${site} to hold ${count} queued events`,
      async () => (await client.sender(id)).queue.size,
      (size) => size === count,
    );
  },
);

Then(
  'the queue of sender {string} at site {site} is eventually empty',
  async function (this: WanWorld, id: string, site: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `sender ${id} at site ${site} to drain its queue`,
      async () => (await client.sender(id)).queue.size,
      (size) => size === 0,
    );
  },
);

Then(
  'sender {string} at site {site} is eventually disconnected',
  async function (this: WanWorld, id: string, site: string) {
    const client = this.siteClient(site);
    await this.eventually(
      `sender ${id} at site ${site} to lose its connection`,
      async () => (await client.sender(id)).connected,
      (connected) => !connected,
    );
  },
);
