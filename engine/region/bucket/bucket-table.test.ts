import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  holdersOf,
  planTable,
  type BucketAssignment,
  type HeldCopies,
  type MemberKey,
} from './bucket-table.js';

const policy = (holders: number | 'all', totalBuckets = 113) => ({ totalBuckets, holders });

/** What members would report once every copy they were given is filled. */
function settled(buckets: BucketAssignment[], hosts: MemberKey[]): Map<MemberKey, HeldCopies> {
  return new Map(
    hosts.map((host) => [
      host,
      {
        ready: buckets.flatMap((a, b) => (holdersOf(a).includes(host) ? [b] : [])),
        initializing: [],
      },
    ]),
  );
}

/** Plans until nothing changes, filling every new copy in between. */
function converge(
  start: BucketAssignment[] | undefined,
  hosts: MemberKey[],
  holders: number | 'all',
  totalBuckets = 113,
): BucketAssignment[] {
  let table = planTable(start, hosts, new Map(), policy(holders, totalBuckets));
  for (let round = 0; round < 50; round++) {
    const next = planTable(table, hosts, settled(table, hosts), policy(holders, totalBuckets));
    if (JSON.stringify(next) === JSON.stringify(table)) return table;
    table = next;
  }
  assert.fail('the plan did not converge');
}

function primaryCounts(buckets: BucketAssignment[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of buckets) counts[a.primary!] = (counts[a.primary!] ?? 0) + 1;
  return counts;
}

test('a fresh region gets one primary per bucket, spread evenly, and its redundant copies', () => {
  const table = converge(undefined, ['a', 'b', 'c'], 2);
  assert.equal(table.length, 113);
  for (const a of table) {
    assert.ok(a.primary);
    assert.equal(a.copies.length, 1);
    assert.notEqual(a.copies[0], a.primary);
    assert.equal(a.initializing.length, 0);
  }
  const counts = Object.values(primaryCounts(table));
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `primaries ${counts.join(',')}`);
});

test('when a member goes, its primaries move to the ready copies and redundancy is rebuilt', () => {
  const table = converge(undefined, ['a', 'b', 'c'], 2);
  const next = planTable(table, ['b', 'c'], settled(table, ['b', 'c']), policy(2));
  table.forEach((before, bucket) => {
    const after = next[bucket]!;
    if (before.primary === 'a') assert.equal(after.primary, before.copies[0]);
    else assert.ok([before.primary, ...before.copies].includes(after.primary));
    assert.ok(!holdersOf(after).includes('a'));
    assert.equal(holdersOf(after).length, 2, `bucket ${bucket} has two holders again`);
  });
});

test('a new copy cannot take over before it is ready: the bucket gets a fresh primary', () => {
  const first = planTable(undefined, ['a', 'b'], new Map(), policy(2, 1));
  assert.equal(first[0]!.primary, 'a');
  assert.deepEqual(first[0]!.initializing, ['b']);
  const held = new Map([['b', { ready: [], initializing: [0] }]]);
  const next = planTable(first, ['b'], held, policy(2, 1));
  assert.equal(next[0]!.primary, 'b');
});

test('without redundancy a joining member receives buckets through copies that fill first', () => {
  const alone = converge(undefined, ['a'], 1);
  assert.ok(alone.every((a) => a.primary === 'a'));
  const joined = planTable(alone, ['a', 'b'], settled(alone, ['a', 'b']), policy(1));
  const moving = joined.filter((a) => a.initializing.includes('b'));
  assert.ok(moving.length > 0 && moving.every((a) => a.primary === 'a'));
  const balanced = converge(alone, ['a', 'b'], 1);
  const counts = primaryCounts(balanced);
  assert.ok(Math.abs((counts.a ?? 0) - (counts.b ?? 0)) <= 1, JSON.stringify(counts));
  assert.ok(balanced.every((a) => holdersOf(a).length === 1));
});

test('a replicated region is one bucket held by every host', () => {
  const table = converge(undefined, ['a', 'b', 'c'], 'all', 1);
  assert.equal(table.length, 1);
  assert.equal(table[0]!.primary, 'a');
  assert.deepEqual([...table[0]!.copies].sort(), ['b', 'c']);
});

test('a host that did not answer keeps what the previous table gave it', () => {
  const table = converge(undefined, ['a', 'b'], 2);
  const held = settled(table, ['a', 'b']);
  held.delete('b');
  assert.deepEqual(planTable(table, ['a', 'b'], held, policy(2)), table);
});

test('primaries are handed to ready copies until no member has two more than another', () => {
  const skewed: BucketAssignment[] = Array.from({ length: 113 }, (_, b) => ({
    primary: 'a',
    copies: [b % 2 === 0 ? 'b' : 'c'],
    initializing: [],
  }));
  const next = planTable(skewed, ['a', 'b', 'c'], settled(skewed, ['a', 'b', 'c']), policy(2));
  const counts = Object.values(primaryCounts(next));
  assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `primaries ${counts.join(',')}`);
  next.forEach((a, b) =>
    assert.deepEqual([a.primary, ...a.copies].sort(), ['a', skewed[b]!.copies[0]!].sort()),
  );
});
