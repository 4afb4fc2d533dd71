import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withBucket, type RegionEvent } from './region-event.js';

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
