import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScenarioResult } from '../report/cucumber-results.js';
import { judgeRun } from './judge-run.js';

function scenario(name: string, status: ScenarioResult['status']): ScenarioResult {
  return {
    pickleId: name,
    name,
    uri: 'features/q.feature',
    line: 7,
    tags: [],
    status,
    durationMs: 1,
  };
}

test('a failing scenario kills the mutant and is named', () => {
  const judged = judgeRun(1, [scenario('ok', 'passed'), scenario('bad', 'failed')]);
  assert.deepEqual(judged, { verdict: 'killed', killedBy: ['features/q.feature:7 bad'] });
});

test('a failure before the time limit still kills', () => {
  assert.equal(judgeRun(undefined, [scenario('bad', 'failed')]).verdict, 'killed');
});

test('every scenario passed: survived', () => {
  assert.deepEqual(judgeRun(0, [scenario('ok', 'passed')]), { verdict: 'survived', killedBy: [] });
});

test('unknown: time limit, nothing run to a result, or a failed run without a failing scenario', () => {
  assert.equal(judgeRun(undefined, [scenario('ok', 'passed')]).verdict, 'unknown');
  assert.equal(judgeRun(0, [scenario('na', 'not-applicable')]).verdict, 'unknown');
  assert.equal(judgeRun(0, []).verdict, 'unknown');
  const crashed = judgeRun(2, [scenario('ok', 'passed')]);
  assert.equal(crashed.verdict, 'unknown');
  assert.match(crashed.detail ?? '', /exited 2/);
});
