import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CAPABILITY_NAMES } from '../../contract/index.js';
import { editDistance, nearestNames } from './nearest-names.js';

test('edit distance counts insertions, deletions and substitutions', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abc', 'abc'), 0);
  assert.equal(editDistance('abc', ''), 3);
});

test('a misspelt capability finds the one meant, first', () => {
  assert.equal(nearestNames('applied-logs', CAPABILITY_NAMES)[0], 'applied-log');
  assert.equal(nearestNames('transaction', CAPABILITY_NAMES)[0], 'transactions');
  assert.equal(nearestNames('clock-offsets', CAPABILITY_NAMES)[0], 'clock-offset');
  assert.deepEqual(nearestNames('zzzzzzzzzzzzzzzzzzzz', CAPABILITY_NAMES), []);
});
