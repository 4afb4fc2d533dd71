import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unboundedNumbers } from '../../contract/index.js';
import { ExperimentSchema } from '../experiment/experiment-schema.js';
import { TopologySchema } from '../topology/topology-schema.js';

test('every number a topology or an experiment sets is bounded on both sides', () => {
  assert.deepEqual(unboundedNumbers(TopologySchema, 'topology'), []);
  assert.deepEqual(unboundedNumbers(ExperimentSchema, 'experiment'), []);
});
