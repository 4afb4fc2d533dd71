import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import { DedupTracker } from './dedup-tracker.js';

type Tracked = Pick<RegionEvent, 'id' | 'bucket' | 'lanes'>;

function event(seq: number, lanes?: number[], bucket?: number): Tracked {
  return {
    id: { member: 'site1-m1', thread: 7, seq },
    ...(lanes === undefined ? {} : { lanes }),
    ...(bucket === undefined ? {} : { bucket }),
  };
}

function admitted(tracker: DedupTracker, lane: string, events: Tracked[]): number[] {
  return events.filter((e) => tracker.admit(lane, e)).map((e) => e.id.seq);
}

describe('receiver deduplication by stream', () => {
  it('drops a resent event of the same lane and keeps the new ones', () => {
    const tracker = new DedupTracker();
    assert.deepEqual(admitted(tracker, '1/s/0', [event(1), event(2), event(3)]), [1, 2, 3]);
    assert.deepEqual(admitted(tracker, '1/s/0', [event(2), event(3), event(4)]), [4]);
  });

  it('keeps the events of one origin thread that a forwarding site interleaved from two lanes', () => {
    // Site 1 split the thread over its lanes 0 (odd seqs) and 1 (even seqs); site 2 applied
    // lane 1's batch first and forwards everything through its single lane.
    const tracker = new DedupTracker();
    const forwarded = [event(2, [1]), event(4, [1]), event(1, [0]), event(3, [0])];
    assert.deepEqual(admitted(tracker, '2/s/0', forwarded), [2, 4, 1, 3]);
    assert.deepEqual(admitted(tracker, '2/s/0', [event(3, [0]), event(4, [1])]), []);
  });

  it('counts the same seq on different buckets as different streams', () => {
    const tracker = new DedupTracker();
    assert.deepEqual(admitted(tracker, '1/p/0', [event(5, [], 3), event(5, [], 4)]), [5, 5]);
    assert.deepEqual(admitted(tracker, '1/p/0', [event(5, [], 3)]), []);
  });

  it('keeps two sender lanes independent', () => {
    const tracker = new DedupTracker();
    assert.deepEqual(admitted(tracker, '1/s/0', [event(9)]), [9]);
    assert.deepEqual(admitted(tracker, '1/s/1', [event(9)]), [9]);
  });
});

describe('receiver deduplication state is bounded (issue 17)', () => {
  const stream = (n: number): Tracked => ({ id: { member: `m${n}`, thread: 1, seq: 1 } });

  it('forgets the stream seen longest ago beyond streamsMax', () => {
    const tracker = new DedupTracker({ streamsMax: 3, nowMs: () => 0 });
    for (const n of [1, 2, 3]) assert.equal(tracker.admit('l', stream(n)), true);
    assert.equal(tracker.admit('l', stream(1)), false, 'stream 1 is now the most recent');
    assert.equal(tracker.admit('l', stream(4)), true);
    assert.equal(tracker.streams, 3);
    assert.equal(tracker.evicted, 1);
    assert.equal(tracker.admit('l', stream(1)), false, 'stream 1 was kept');
    assert.equal(tracker.admit('l', stream(2)), true, 'stream 2 was forgotten');
  });

  it('forgets streams idle for streamIdleMs, and only those', () => {
    let now = 0;
    const tracker = new DedupTracker({ streamIdleMs: 100, nowMs: () => now });
    tracker.admit('l', stream(1));
    now = 60;
    tracker.admit('l', stream(2));
    now = 120;
    assert.equal(tracker.admit('l', stream(2)), false);
    assert.equal(tracker.streams, 1);
    assert.equal(tracker.admit('l', stream(1)), true, 'stream 1 idled out');
  });

  it('stays at streamsMax whatever the number of invented streams', () => {
    const tracker = new DedupTracker({ streamsMax: 1000 });
    for (let n = 0; n < 20_000; n++) tracker.admit('l', stream(n));
    assert.equal(tracker.streams, 1000);
    assert.equal(tracker.evicted, 19_000);
  });
});

test('a failed event forgotten is admitted again, and so are the later events of its stream', () => {
  const tracker = new DedupTracker();
  const at = (seq: number) => ({ id: { member: 'm', thread: 0, seq } });
  assert.equal(tracker.admit('l', at(1)), true);
  assert.equal(tracker.admit('l', at(2)), true);
  assert.equal(tracker.admit('l', at(3)), true);
  tracker.forget('l', at(2));
  assert.equal(tracker.admit('l', at(1)), false, 'what came before stays seen');
  assert.equal(tracker.admit('l', at(2)), true);
  assert.equal(tracker.admit('l', at(3)), true);
  tracker.forget('l', at(9));
  assert.equal(tracker.admit('l', at(3)), false, 'forgetting a later event changes nothing');
});
