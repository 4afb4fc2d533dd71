import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import { batchPayloadBytes, fitToFrame } from './frame-fit.js';

const event = (seq: number, valueBytes: number): RegionEvent => ({
  region: 'r',
  key: `k${seq}`,
  op: 'create',
  value: 'x'.repeat(valueBytes),
  version: { timestamp: seq, dsid: 1, member: 'm', entryVersion: 1 },
  id: { member: 'm', thread: 0, seq },
  originDsid: 1,
  recipients: [2],
  possibleDuplicate: false,
  createdAtMs: seq,
});

const batch = (n: number, valueBytes: number): RegionEvent[] =>
  Array.from({ length: n }, (_, i) => event(i, valueBytes));

describe('fitting a batch to the receiver frame limit', () => {
  it('keeps a batch that fits whole', () => {
    const events = batch(10, 100);
    assert.deepEqual(fitToFrame(events, 1_000_000), { kind: 'fits', events });
  });

  it('halves a batch until its frame fits, keeping a prefix', () => {
    const events = batch(10, 1000);
    const limit = batchPayloadBytes(events.slice(0, 3));
    const fit = fitToFrame(events, limit);
    assert.equal(fit.kind, 'fits');
    if (fit.kind !== 'fits') return;
    assert.deepEqual(
      fit.events.map((e) => e.key),
      ['k0', 'k1', 'k2'],
    );
    assert.ok(batchPayloadBytes(fit.events) <= limit);
  });

  it('names a single event too large for any frame, with its size', () => {
    const events = [event(0, 5000), event(1, 10)];
    const fit = fitToFrame(events, 2048);
    assert.equal(fit.kind, 'too-large');
    if (fit.kind !== 'too-large') return;
    assert.equal(fit.event.key, 'k0');
    assert.ok(fit.bytes > 2048);
  });
});
