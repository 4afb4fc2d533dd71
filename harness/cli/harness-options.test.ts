import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { runtimeKindFor } from '../runtime/runtime-choice.js';
import type { Topology } from '../topology/model.js';
import { engineFor } from '../engines/engine-choice.js';
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

test('--engine is taken out of the cucumber arguments; an unknown engine names the known ones', () => {
  assert.deepEqual(takeHarnessOptions(['--engine', 'wanlab', '--tags', '@x']), {
    engine: 'wanlab',
    rest: ['--tags', '@x'],
  });
  assert.deepEqual(takeHarnessOptions(['--engine=wanlab', '--runtime=process']), {
    engine: 'wanlab',
    runtime: 'process',
    rest: [],
  });
  assert.equal(takeHarnessOptions(['--engine', 'geode']).engine, 'geode');
  assert.throws(
    () => takeHarnessOptions(['--engine', 'hazelcast']),
    (error: unknown) =>
      isHarnessError(error) &&
      error.code === 'WANLAB_USAGE' &&
      /"hazelcast"/.test(error.message) &&
      /known engines: wanlab, geode/.test(error.hint),
  );
});

test('the engine: WANLAB_ENGINE beats the topology, which beats the default', () => {
  const saved = process.env.WANLAB_ENGINE;
  try {
    delete process.env.WANLAB_ENGINE;
    assert.equal(engineFor({ source: 't.yaml' }).name, 'wanlab');
    assert.equal(engineFor({ source: 't.yaml', engineName: 'wanlab' }).name, 'wanlab');
    assert.equal(engineFor({ source: 't.yaml', engineName: 'geode' }).name, 'geode');
    assert.throws(
      () => engineFor({ source: 't.yaml', engineName: 'hazelcast' }),
      /t\.yaml names the engine "hazelcast"/,
    );
    process.env.WANLAB_ENGINE = 'hazelcast';
    assert.throws(
      () => engineFor({ source: 't.yaml', engineName: 'wanlab' }),
      /WANLAB_ENGINE names the engine "hazelcast"/,
    );
    process.env.WANLAB_ENGINE = 'geode';
    assert.equal(engineFor({ source: 't.yaml', engineName: 'wanlab' }).name, 'geode');
    process.env.WANLAB_ENGINE = 'wanlab';
    assert.equal(engineFor({ source: 't.yaml', engineName: 'geode' }).name, 'wanlab');
  } finally {
    if (saved === undefined) delete process.env.WANLAB_ENGINE;
    else process.env.WANLAB_ENGINE = saved;
  }
});
