import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spread } from '../stats.js';
import { ratioOf, roundOrder } from './engine-compare.js';
import { residentMb } from './process-memory.js';

test('rounds alternate the order in which engines are measured', () => {
  assert.deepEqual(roundOrder(['a', 'b'], 0), ['a', 'b']);
  assert.deepEqual(roundOrder(['a', 'b'], 1), ['b', 'a']);
  assert.deepEqual(roundOrder(['a', 'b'], 2), ['a', 'b']);
});

test('ratios pair the samples of the same round', () => {
  const ratio = ratioOf(spread([100, 300, 200]), spread([50, 100, 400]));
  assert.deepEqual(ratio.samples, [2, 3, 0.5]);
  assert.equal(ratio.median, 2);
});

test('resident memory is read from /proc, and is absent for a process that is not there', () => {
  const own = residentMb(process.pid);
  assert.ok(own !== undefined && own > 10, `own RSS ${own}`);
  assert.equal(residentMb(undefined), undefined);
  assert.equal(residentMb(2 ** 22 + 12345), undefined);
});
