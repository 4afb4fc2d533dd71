import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colocationIssues, type ColocationInput } from './colocation-rules.js';

const pr = (name: string, extra: Partial<ColocationInput> = {}): ColocationInput => ({
  name,
  type: 'partitioned',
  totalBuckets: 113,
  redundantCopies: 0,
  senderIds: ['p'],
  ...extra,
});
const parallel = new Set(['p']);
const messages = (regions: ColocationInput[]): string[] =>
  colocationIssues(regions, parallel).map((i) => `${i.path}: ${i.message}`);

test('one parallel sender on two partitioned regions: refused unless they are colocated', () => {
  assert.deepEqual(messages([pr('orders'), pr('customers')]), [
    '[1].senderIds[0]: parallel sender "p" is used by partitioned regions "orders" and "customers", which are not colocated',
  ]);
  assert.deepEqual(messages([pr('orders'), pr('customers', { colocatedWith: 'orders' })]), []);
});

test('a chain of three colocated regions shares one leader; a region outside it is refused', () => {
  const chain = [
    pr('a'),
    pr('b', { colocatedWith: 'a' }),
    pr('c', { colocatedWith: 'b' }),
    pr('d', { senderIds: ['q', 'p'] }),
  ];
  assert.deepEqual(messages(chain), [
    '[3].senderIds[1]: parallel sender "p" is used by partitioned regions "a" and "d", which are not colocated',
  ]);
});

test('serial senders, and regions that are not partitioned, are not concerned', () => {
  assert.deepEqual(colocationIssues([pr('a'), pr('b')], new Set()), []);
  assert.deepEqual(messages([pr('a'), pr('n', { type: 'normal' })]), []);
});

test('a colocation must name another partitioned region with the same buckets and redundancy', () => {
  assert.match(messages([pr('a', { colocatedWith: 'zzz' })])[0]!, /"zzz", which is not a region/);
  assert.match(messages([pr('a', { colocatedWith: 'a' })])[0]!, /which is itself/);
  assert.match(
    messages([pr('a', { type: 'replicated' }), pr('b', { colocatedWith: 'a' })])[0]!,
    /\[1\]\.colocatedWith: .*"a", a replicated region/,
  );
  assert.match(
    messages([pr('r', { type: 'replicated', colocatedWith: 'a' }), pr('a')])[0]!,
    /only a partitioned region can be colocated/,
  );
  assert.match(
    messages([pr('a'), pr('b', { colocatedWith: 'a', totalBuckets: 7 })])[0]!,
    /has totalBuckets 7, but "a", which it is colocated with, has 113/,
  );
  assert.match(
    messages([pr('a', { redundantCopies: 1 }), pr('b', { colocatedWith: 'a' })])[0]!,
    /has redundantCopies 0, but "a".* has 1/,
  );
});

test('a colocation cycle is refused, and never loops', () => {
  const found = messages([pr('a', { colocatedWith: 'b' }), pr('b', { colocatedWith: 'a' })]);
  assert.equal(found.length, 2);
  assert.match(found[0]!, /\[0\]\.colocatedWith: region "a" is part of a colocation cycle/);
});
