import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedEvent, withBucket, type RegionEvent } from './region-event.js';

const event: RegionEvent = {
  region: 'r',
  key: 'k',
  op: 'create',
  value: 1,
  version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
  id: { member: 'm', thread: 0, seq: 1 },
  originDsid: 1,
  recipients: [],
  possibleDuplicate: false,
  createdAtMs: 1,
};

test('withBucket sets, replaces or drops the bucket, and copies only when it changes it', () => {
  assert.equal(withBucket(event, undefined), event, 'no bucket wanted, none there: the same');
  const in3 = withBucket(event, 3);
  assert.deepEqual(in3, { ...event, bucket: 3 });
  assert.equal(event.bucket, undefined, 'the original is untouched');
  assert.equal(withBucket(in3, 3), in3, 'already in bucket 3: the same');
  assert.deepEqual(withBucket(in3, 5), { ...event, bucket: 5 });
  const dropped = withBucket(in3, undefined);
  assert.equal('bucket' in dropped, false);
  assert.deepEqual(dropped, event);
  assert.equal('bucket' in withBucket({ ...event, bucket: undefined }, undefined), false);
});

test('changedEvent copies like a spread: changes win, absent optional fields stay absent', () => {
  const original: RegionEvent = {
    region: 'orders',
    key: 'k1',
    op: 'create',
    value: { a: 1 },
    version: { timestamp: 5, dsid: 1, member: 'm1', entryVersion: 1 },
    id: { member: 'm1', thread: 1, seq: 7 },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    createdAtMs: 123,
  };
  const flagged = changedEvent(original, { possibleDuplicate: true, lanes: [3] });
  assert.deepEqual(flagged, { ...original, possibleDuplicate: true, lanes: [3] });
  assert.equal('tx' in flagged, false);
  assert.equal('bucket' in flagged, false);
  const destroyed = changedEvent(original, { op: 'destroy', value: undefined });
  assert.deepEqual(
    Object.keys(destroyed).sort(),
    Object.keys({ ...original, op: 'destroy', value: undefined }).sort(),
  );
  assert.equal(destroyed.value, undefined);
  const bucketed = changedEvent(original, { bucket: 4 });
  assert.equal(bucketed.bucket, 4);
  assert.equal('bucket' in changedEvent(bucketed, {}, 'bucket'), false);
  assert.equal(original.possibleDuplicate, false, 'the original is not changed');
});
