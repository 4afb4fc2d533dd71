import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { ReceiverTransportStatus, SenderTransportStatus } from '../contract/index.js';
import type { WanWorld } from './support/world.js';

/**
 * Transport filters on the gateway wire (issue 15, GEODE-4): the `transport` part of a sender
 * status and of a receiver status. Counts are totals since the sender or receiver was
 * created, so the steps compare ratios of them, not amounts.
 */

async function senderTransport(
  world: WanWorld,
  id: string,
  site: string,
): Promise<SenderTransportStatus & { connected: boolean }> {
  const status = await world.siteClient(site).sender(id);
  assert.ok(status.transport, `sender ${id} at site ${site} reports no transport`);
  return { ...status.transport, connected: status.connected };
}

async function receiverTransport(world: WanWorld, site: string): Promise<ReceiverTransportStatus> {
  const status = await world.siteClient(site).receiver();
  assert.ok(status.transport, `the receiver at site ${site} reports no transport`);
  return status.transport;
}

Then(
  'sender {string} at site {site} eventually put at most {float} of its batch bytes on the wire',
  async function (this: WanWorld, id: string, site: string, ratio: number) {
    await this.eventually(
      `sender ${id} at site ${site} to put at most ${ratio} of its batch bytes on the wire`,
      () => senderTransport(this, id, site),
      (t) =>
        t.batchBytesBeforeCompression > 0 &&
        t.batchBytesOnWire <= ratio * t.batchBytesBeforeCompression,
    );
  },
);

Then(
  'the receiver at site {site} eventually decompressed at least {float} times the batch bytes it received',
  async function (this: WanWorld, site: string, ratio: number) {
    await this.eventually(
      `the receiver at site ${site} to decompress at least ${ratio} times what it received`,
      () => receiverTransport(this, site),
      (t) => t.batchBytesOnWire > 0 && t.batchBytesDecompressed >= ratio * t.batchBytesOnWire,
    );
  },
);

Then(
  'sender {string} at site {site} is eventually refused with {string}',
  async function (this: WanWorld, id: string, site: string, code: string) {
    await this.eventually(
      `sender ${id} at site ${site} to be refused with ${code} and disconnected`,
      () => senderTransport(this, id, site),
      (t) => t.lastRefusal?.code === code && !t.connected,
    );
  },
);

Then(
  'sender {string} at site {site} is eventually connected with no refusal',
  async function (this: WanWorld, id: string, site: string) {
    await this.eventually(
      `sender ${id} at site ${site} to connect and forget its last refusal`,
      () => senderTransport(this, id, site),
      (t) => t.connected && t.lastRefusal === undefined,
    );
  },
);

Then(
  'the receiver at site {site} eventually counts at least {int} transport mismatch(es)',
  async function (this: WanWorld, site: string, count: number) {
    await this.eventually(
      `the receiver at site ${site} to count at least ${count} transport mismatches`,
      async () => (await receiverTransport(this, site)).transportMismatches,
      (observed) => observed >= count,
    );
  },
);
