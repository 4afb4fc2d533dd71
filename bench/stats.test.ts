import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { percentile, spread } from './stats.js';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(sorted, 0.5), 50);
    assert.equal(percentile(sorted, 0.99), 99);
    assert.equal(percentile(sorted, 1), 100);
    assert.equal(percentile([7], 0.99), 7);
    assert.ok(Number.isNaN(percentile([], 0.5)));
  });

  it('reports the median and the extremes of repeated runs', () => {
    assert.deepEqual(spread([3, 1, 2]), { median: 2, min: 1, max: 3, samples: [3, 1, 2] });
    assert.equal(spread([1.26, 1.24], 1).median, 1.2);
  });
});
