import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runtimeKindFor } from '../runtime/runtime-choice.js';
import type { Topology } from '../topology/model.js';
import { engineFor } from '../engines/engine-choice.js';

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
