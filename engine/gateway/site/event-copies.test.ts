import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import { EventCopies } from './event-copies.js';

const event = (member: string, seq: number): RegionEvent => ({
  region: 'r',
  key: `k${seq}`,
  op: 'create',
  value: seq,
  version: { timestamp: seq, dsid: 1, member, entryVersion: 1 },
  id: { member, thread: 0, seq },
  originDsid: 1,
  recipients: [2],
  possibleDuplicate: false,
  createdAtMs: seq,
});

test('a copy keeps arrival order and ignores an event it already has', () => {
  const copies = new EventCopies(() => 0);
  assert.equal(copies.add(event('a', 1)), true);
  assert.equal(copies.add(event('b', 1)), true);
  assert.equal(copies.add(event('a', 1)), false);
  assert.deepEqual(
    copies.head(5).map((e) => `${e.id.member}${e.id.seq}`),
    ['a1', 'b1'],
  );
});

test('a removal that overtakes its event leaves a token that drops the event on arrival', () => {
  const copies = new EventCopies(() => 0);
  copies.add(event('a', 1));
  assert.equal(copies.remove(['a/0/1', 'a/0/2']), 1);
  assert.equal(copies.add(event('a', 2)), false, 'the token drops the late event');
  assert.equal(copies.size, 0);
  assert.equal(copies.add(event('a', 2)), true, 'a token is used once');
});

test('possibleDuplicate is flagged on the oldest events only when counted', () => {
  const copies = new EventCopies(() => 0);
  for (let i = 1; i <= 3; i++) copies.add(event('a', i));
  copies.markPossibleDuplicate(2);
  assert.deepEqual(
    copies.all().map((e) => e.possibleDuplicate),
    [true, true, false],
  );
  copies.markPossibleDuplicate();
  assert.ok(copies.all().every((e) => e.possibleDuplicate));
});
