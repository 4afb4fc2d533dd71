import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultWanRule, localTimestamp } from './default-rule.js';

const tag = (timestamp: number, dsid: number) => ({
  timestamp,
  dsid,
  member: 'm',
  entryVersion: 1,
});

test('a later timestamp wins across sites', () => {
  assert.equal(defaultWanRule(tag(100, 2), tag(101, 1)), 'apply');
  assert.equal(defaultWanRule(tag(101, 1), tag(100, 2)), 'discard');
});

test('on equal timestamps the higher distributed-system-id wins', () => {
  assert.equal(defaultWanRule(tag(100, 1), tag(100, 2)), 'apply');
  assert.equal(defaultWanRule(tag(100, 2), tag(100, 1)), 'discard');
});

test('a change from the last writer site applies unless it is older', () => {
  assert.equal(defaultWanRule(tag(100, 1), tag(100, 1)), 'apply');
  assert.equal(defaultWanRule(tag(100, 1), tag(99, 1)), 'discard');
});

test('a local change over a remote write is stamped after it', () => {
  assert.equal(localTimestamp(50, tag(100, 2), 1), 101);
  assert.equal(localTimestamp(500, tag(100, 2), 1), 500);
  assert.equal(localTimestamp(50, tag(100, 1), 1), 101, 'over its own bumped write too');
  assert.equal(localTimestamp(50, undefined, 1), 50);
});
