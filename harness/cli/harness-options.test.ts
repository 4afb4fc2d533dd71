import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { runtimeKindFor } from '../runtime/runtime-choice.js';
import type { Topology } from '../topology/model.js';
import { takeHarnessOptions } from './harness-options.js';

test('--runtime is taken out of the cucumber arguments, in both spellings', () => {
  assert.deepEqual(takeHarnessOptions(['--runtime', 'container', '--tags', '@x', 'f.feature']), {
    runtime: 'container',
    rest: ['--tags', '@x', 'f.feature'],
  });
  assert.deepEqual(takeHarnessOptions(['--runtime=process']), { runtime: 'process', rest: [] });
  assert.deepEqual(takeHarnessOptions(['--name', 'x']), { rest: ['--name', 'x'] });
});

test('a runtime that does not exist is a usage error', () => {
  assert.throws(
    () => takeHarnessOptions(['--runtime', 'kubernetes']),
    (error: unknown) =>
      isHarnessError(error) && error.code === 'WANLAB_USAGE' && /kubernetes/.test(error.message),
  );
});

test('WANLAB_RUNTIME overrides the topology; unset, the topology decides', () => {
  const topology = { runtime: 'process' } as Topology;
  const saved = process.env.WANLAB_RUNTIME;
  try {
    delete process.env.WANLAB_RUNTIME;
    assert.equal(runtimeKindFor(topology), 'process');
    process.env.WANLAB_RUNTIME = 'container';
    assert.equal(runtimeKindFor(topology), 'container');
    process.env.WANLAB_RUNTIME = 'vm';
    assert.throws(() => runtimeKindFor(topology), /WANLAB_RUNTIME must be process or container/);
  } finally {
    if (saved === undefined) delete process.env.WANLAB_RUNTIME;
    else process.env.WANLAB_RUNTIME = saved;
  }
});
