import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { maxWorkers, workerCount } from './worker-count.js';

const plan = (counts: Record<string, number>) => ({ scenariosPerTopology: counts });

test('a small run gets one worker, a large one the limit', () => {
  assert.equal(workerCount(plan({ a: 5 }), 5, 3), 1);
  assert.equal(workerCount(plan({ a: 10, b: 8 }), 18, 3), 2);
  assert.equal(workerCount(plan({ a: 60, b: 40 }), 100, 3), 3);
});

test('scenarios without a deployment weigh little', () => {
  assert.equal(workerCount(plan({}), 20, 3), 1);
});

test('WANLAB_PARALLEL sets the limit; a bad value is an error', () => {
  assert.equal(maxWorkers({ WANLAB_PARALLEL: '5' }), 5);
  assert.ok(maxWorkers({}) >= 2);
  assert.throws(
    () => maxWorkers({ WANLAB_PARALLEL: 'two' }),
    (e) => isHarnessError(e),
  );
});
