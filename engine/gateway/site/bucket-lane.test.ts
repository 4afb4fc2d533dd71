import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../clock.js';
import type { RegionEvent } from '../../region/region-event.js';
import { PauseGate } from '../sender/pause-gate.js';
import { BucketLane } from './bucket-lane.js';
import { EventCopies } from './event-copies.js';

const event = (bucket: number, seq: number): RegionEvent => ({
  region: 'r',
  key: `b${bucket}-${seq}`,
  op: 'create',
  value: seq,
  version: { timestamp: seq, dsid: 1, member: 'm', entryVersion: 1 },
  id: { member: 'm', thread: 0, seq: bucket * 1000 + seq },
  originDsid: 1,
  recipients: [2],
  possibleDuplicate: false,
  bucket,
  createdAtMs: seq,
});

function lane(queues: EventCopies[]): BucketLane {
  return new BucketLane(0, { primaryQueues: () => queues }, new ManualClock(), new PauseGate());
}

test('a batch takes the head of each bucket in turn, in each bucket the order it was queued', async () => {
  const [b1, b2] = [new EventCopies(() => 0), new EventCopies(() => 0)];
  for (let i = 1; i <= 3; i++) b1.add(event(1, i));
  for (let i = 1; i <= 2; i++) b2.add(event(2, i));
  const queue = lane([b1, b2]);
  const signal = new AbortController().signal;
  const batch = await queue.peek({ maxEvents: 4, waitMs: 0, signal });
  assert.deepEqual(
    batch.map((e) => e.key),
    ['b1-1', 'b1-2', 'b1-3', 'b2-1'],
  );
  queue.remove(batch.length);
  assert.deepEqual([b1.size, b2.size], [0, 1]);
  const next = await queue.peek({ maxEvents: 4, waitMs: 0, signal });
  assert.deepEqual(
    next.map((e) => e.key),
    ['b2-2'],
  );
});

test('a failed batch is flagged possibleDuplicate and peeked again', async () => {
  const b1 = new EventCopies(() => 0);
  b1.add(event(1, 1));
  const queue = lane([b1]);
  const signal = new AbortController().signal;
  const batch = await queue.peek({ maxEvents: 10, waitMs: 0, signal });
  queue.markPossibleDuplicate(batch.length);
  const again = await queue.peek({ maxEvents: 10, waitMs: 0, signal });
  assert.equal(again[0]!.possibleDuplicate, true);
  assert.equal(again[0]!.key, 'b1-1');
});
