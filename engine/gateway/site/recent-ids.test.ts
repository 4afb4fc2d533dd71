import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentIds } from './recent-ids.js';

test('recent ids remember what was added, up to their capacity, the oldest forgotten first', () => {
  const ids = new RecentIds(3);
  ids.add(['a', 'b', 'c']);
  assert.equal(ids.has('a'), true);
  ids.add(['d']);
  assert.equal(ids.has('a'), false);
  assert.deepEqual(
    ['b', 'c', 'd'].map((id) => ids.has(id)),
    [true, true, true],
  );
  assert.equal(ids.size, 3);
});

test('adding an id again makes it the newest', () => {
  const ids = new RecentIds(2);
  ids.add(['a', 'b']);
  ids.add(['a']);
  ids.add(['c']);
  assert.equal(ids.has('a'), true);
  assert.equal(ids.has('b'), false);
});
