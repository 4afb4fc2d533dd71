import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../random.js';
import { RecencyMap } from './recency-map.js';

test('the oldest entry is the one set longest ago; setting a key again makes it the newest', () => {
  const map = new RecencyMap<number>();
  map.set('a', 1);
  map.set('b', 2);
  map.set('a', 3);
  assert.deepEqual(map.oldest(), { key: 'b', value: 2 });
  map.deleteOldest();
  assert.deepEqual(map.oldest(), { key: 'a', value: 3 });
  assert.equal(map.size, 1);
  map.deleteOldest();
  assert.equal(map.oldest(), undefined);
});

test('a deleted key is skipped when looking for the oldest', () => {
  const map = new RecencyMap<true>();
  for (const key of ['a', 'b', 'c']) map.set(key, true);
  assert.equal(map.delete('a'), true);
  assert.equal(map.delete('a'), false);
  assert.equal(map.oldest()?.key, 'b');
});

/** The same operations on a Map kept in recency order by delete-and-set: the reference. */
function randomRun(seed: number, operations: number, keySpace: number) {
  const random = seededRandom(seed);
  const map = new RecencyMap<number>();
  const model = new Map<string, number>();
  let maxPlaces = 0;
  for (let i = 0; i < operations; i++) {
    const key = `k${Math.floor(random() * keySpace)}`;
    const choice = random();
    if (choice < 0.6) {
      map.set(key, i);
      model.delete(key);
      model.set(key, i);
    } else if (choice < 0.8) {
      assert.equal(map.delete(key), model.delete(key));
    } else {
      map.deleteOldest();
      const oldest = model.keys().next();
      if (!oldest.done) model.delete(oldest.value);
    }
    maxPlaces = Math.max(maxPlaces, map.placesHeld);
    assert.equal(map.size, model.size);
  }
  const oldest = model.entries().next();
  assert.deepEqual(
    map.oldest(),
    oldest.done ? undefined : { key: oldest.value[0], value: oldest.value[1] },
  );
  return { map, maxPlaces };
}

test('random sets, deletes and oldest-drops agree with a Map kept in recency order', () => {
  for (let seed = 1; seed <= 20; seed++) randomRun(seed, 5000, 50);
});

test('the order stays within twice the entries plus a slack, and the work per operation is constant (issue 19)', () => {
  // A sender's memory of acknowledged ids: a full RecentIds-like window, every add evicting.
  const map = new RecencyMap<true>();
  const capacity = 10_000;
  const operations = 300_000;
  let maxPlaces = 0;
  for (let i = 0; i < operations; i++) {
    map.set(`id${i}`, true);
    if (i % 7 === 0) map.set(`id${i - 3}`, true);
    while (map.size > capacity) map.deleteOldest();
    maxPlaces = Math.max(maxPlaces, map.placesHeld);
  }
  assert.equal(map.size, capacity);
  assert.ok(maxPlaces <= 2 * capacity + 1024, `order held ${maxPlaces} places`);
  // Amortised constant: the places looked at do not grow with the entries held.
  assert.ok(
    map.placesScanned <= 4 * operations,
    `${map.placesScanned} places scanned for ${operations} operations`,
  );
  const { maxPlaces: randomMax } = randomRun(99, 50_000, 500);
  assert.ok(randomMax <= 2 * 500 + 1024, `random run held ${randomMax} places`);
});
