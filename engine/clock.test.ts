import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock, SystemClock } from './clock.js';

test('an offset skews now() but not the monotonic clock', () => {
  const clock = new ManualClock(1000);
  clock.setOffsetMs(-60000);
  assert.equal(clock.now(), 1000 - 60000);
  assert.equal(clock.monotonicMs(), 0);
});

test('a fixed clock answers the same instant until it is released', () => {
  const clock = new SystemClock(5000);
  clock.fixAt(42);
  assert.equal(clock.now(), 42);
  assert.equal(clock.fixedAtMs, 42);
  clock.fixAt(undefined);
  assert.ok(clock.now() >= Date.now() + 4000, 'the offset applies again once released');
});
