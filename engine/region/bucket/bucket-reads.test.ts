import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Entry } from '../region.js';
import { allEntries, totalSize } from './bucket-reads.js';

const entry = (value: string): Entry => ({
  value,
  version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
  tombstone: false,
});

test('sizes count each bucket once, the first reply naming it winning', () => {
  const replies = [
    {
      sizes: [
        [0, 3],
        [1, 2],
      ] as Array<[number, number]>,
    },
    {
      sizes: [
        [1, 9],
        [2, 4],
      ] as Array<[number, number]>,
    },
  ];
  assert.equal(totalSize(replies), 3 + 2 + 4);
});

test('entries of a bucket named twice (it moved meanwhile) come once', () => {
  const mine: Array<[number, Array<[string, Entry]>]> = [[5, [['a', entry('1')]]]];
  const theirs: Array<[number, Array<[string, Entry]>]> = [
    [5, [['a', entry('old')]]],
    [6, [['b', entry('2')]]],
  ];
  const keys = allEntries([{ entries: mine }, { entries: theirs }]).map(
    ([k, e]) => `${k}=${String(e.value)}`,
  );
  assert.deepEqual(keys, ['a=1', 'b=2']);
});
