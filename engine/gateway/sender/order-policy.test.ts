import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import { laneOf } from './order-policy.js';
import { hasIncompleteTransaction } from './transactions-in-batch.js';

function event(key: string, thread: number, bucket?: number, tx?: RegionEvent['tx']): RegionEvent {
  return {
    region: 'data',
    key,
    op: 'update',
    value: 1,
    version: { timestamp: 1, dsid: 1, member: 'm1', entryVersion: 1 },
    id: { member: 'm1', thread, seq: 1 },
    originDsid: 1,
    recipients: [],
    possibleDuplicate: false,
    createdAtMs: 0,
    ...(bucket === undefined ? {} : { bucket }),
    ...(tx ? { tx } : {}),
  };
}

const keys = Array.from({ length: 200 }, (_, i) => `key-${i}`);

describe('laneOf (SEND-8)', () => {
  it('key: one key always goes to one lane, and keys spread over every lane', () => {
    const lanes = new Set(keys.map((k) => laneOf(event(k, 0), 'key', 5)));
    assert.deepEqual([...lanes].sort(), [0, 1, 2, 3, 4]);
    for (const k of keys) {
      assert.equal(laneOf(event(k, 1), 'key', 5), laneOf(event(k, 7), 'key', 5));
    }
  });

  it('thread: one client thread always goes to one lane, whatever the keys', () => {
    for (const thread of [1, 2, 3, 4]) {
      const lanes = new Set(keys.map((k) => laneOf(event(k, thread), 'thread', 5)));
      assert.equal(lanes.size, 1, `thread ${thread} used lanes ${[...lanes].join(', ')}`);
    }
  });

  it('partition: one bucket always goes to one lane; without a bucket, by key', () => {
    assert.equal(laneOf(event('a', 0, 7), 'partition', 5), 2);
    assert.equal(laneOf(event('b', 3, 7), 'partition', 5), 2);
    assert.equal(laneOf(event('a', 0), 'partition', 5), laneOf(event('a', 0), 'key', 5));
  });

  it('a single lane takes everything', () => {
    assert.equal(laneOf(event('a', 9), 'thread', 1), 0);
  });
});

describe('hasIncompleteTransaction (TX-3)', () => {
  it('flags a batch holding part of a transaction without its last event', () => {
    const tx = (id: string, last: boolean) => ({ id, last });
    assert.equal(hasIncompleteTransaction([event('a', 0), event('b', 0)]), false);
    assert.equal(
      hasIncompleteTransaction([
        event('a', 0, undefined, tx('t1', false)),
        event('b', 0, undefined, tx('t1', true)),
      ]),
      false,
    );
    assert.equal(
      hasIncompleteTransaction([
        event('a', 0, undefined, tx('t1', true)),
        event('b', 0, undefined, tx('t2', false)),
      ]),
      true,
    );
  });
});
