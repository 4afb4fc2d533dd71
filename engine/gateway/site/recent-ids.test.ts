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

test('a full window stays bounded however many ids pass through it (issue 19)', () => {
  const ids = new RecentIds(1000);
  for (let batch = 0; batch < 300; batch++) {
    ids.add(Array.from({ length: 1000 }, (_, i) => `m/0/${batch * 1000 + i}`));
    assert.equal(ids.size, 1000);
    assert.ok(ids.placesHeld <= 2 * 1000 + 1024, `${ids.placesHeld} places after batch ${batch}`);
  }
  assert.equal(ids.has('m/0/299999'), true);
  assert.equal(ids.has('m/0/298999'), false);
});
