import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConditionTimeout, eventually, staysTrue } from './wait.js';

test('eventually returns the first accepted value', async () => {
  let n = 0;
  const value = await eventually(
    async () => ++n,
    (v) => v >= 3,
    { timeoutMs: 1000, pollMs: 1, description: 'n >= 3' },
  );
  assert.equal(value, 3);
});

test('eventually fails with the condition and the last observed value', async () => {
  await assert.rejects(
    eventually(
      async () => 7,
      (v) => v === 8,
      { timeoutMs: 30, pollMs: 5, description: 'seven to become eight' },
    ),
    (error: unknown) =>
      error instanceof ConditionTimeout &&
      /seven to become eight.*last observed: 7/.test(error.message),
  );
});

test('staysTrue fails as soon as the condition breaks', async () => {
  let n = 0;
  await assert.rejects(
    staysTrue(
      async () => ++n,
      (v) => v < 3,
      { durationMs: 1000, pollMs: 1, description: 'n below 3' },
    ),
    /n below 3.*observed: 3/,
  );
});

test('staysTrue passes when the condition holds throughout', async () => {
  const value = await staysTrue(
    async () => 1,
    (v) => v === 1,
    { durationMs: 30, pollMs: 5, description: 'one' },
  );
  assert.equal(value, 1);
});
