import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import type { EventCopies } from './event-copies.js';
import { RecoveredBuckets, type OfferReply } from './recovered-buckets.js';

/** Only what RecoveredBuckets uses of a bucket's queue: its events, and dropping them. */
function copies(ids: string[]): EventCopies & { discarded: boolean } {
  const fake = {
    discarded: false,
    all: () => ids.map((id) => ({ id }) as unknown as RegionEvent),
    discard: () => {
      fake.discarded = true;
    },
  };
  return fake as unknown as EventCopies & { discarded: boolean };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 2000 ms');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('recovered events go to the primary and leave only when it took them', async () => {
  const replies: OfferReply[] = [
    { accepted: false, acknowledged: [] },
    { accepted: true, acknowledged: [] },
  ];
  const offered: string[] = [];
  const recovered = new RecoveredBuckets({
    primary: () => 'm2',
    offer: async (_primary, at, events) => {
      offered.push(`${at.region}/${at.bucket}:${events.length}`);
      return replies.shift() ?? { accepted: true, acknowledged: [] };
    },
    retryMs: 1,
  });
  const held = copies(['a', 'b']);
  recovered.add('data/3', { region: 'data', bucket: 3 }, held);
  recovered.schedule(0);
  await until(() => recovered.size === 0);
  assert.deepEqual(offered, ['data/3:2', 'data/3:2'], 'refused once, offered again');
  assert.equal(held.discarded, true);
  recovered.close();
});

test('a bucket this member took meanwhile keeps its events: they are its queue now', async () => {
  let release: ((reply: OfferReply) => void) | undefined;
  const recovered = new RecoveredBuckets({
    primary: () => 'm2',
    offer: () => new Promise<OfferReply>((resolve) => (release = resolve)),
    retryMs: 60_000,
  });
  const held = copies(['a']);
  recovered.add('data/1', { region: 'data', bucket: 1 }, held);
  recovered.schedule(0);
  await until(() => release !== undefined);
  assert.equal(recovered.take('data/1'), held);
  release?.({ accepted: true, acknowledged: [] });
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(held.discarded, false, 'taken as the queue, never dropped');
  recovered.close();
});

test('without a primary nothing is offered and nothing is dropped', async () => {
  let offers = 0;
  const recovered = new RecoveredBuckets({
    primary: () => undefined,
    offer: async () => {
      offers++;
      return { accepted: true, acknowledged: [] };
    },
    retryMs: 60_000,
  });
  recovered.add('data/2', { region: 'data', bucket: 2 }, copies(['x']));
  recovered.schedule(0);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(offers, 0);
  assert.equal(recovered.size, 1);
  recovered.close();
});
