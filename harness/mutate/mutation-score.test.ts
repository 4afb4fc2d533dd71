import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byClauseId, scoreLabel, suitePower, type MutantOutcome } from './mutation-score.js';

function outcome(name: string, clause: string, verdict: MutantOutcome['verdict']): MutantOutcome {
  return {
    name,
    clause,
    bug: `bug ${name}`,
    file: 'engine/x.ts',
    verdict,
    killedBy: [],
    durationMs: 1,
  };
}

test('the score is killed over killed, survived and unknown; stale and build errors stay out', () => {
  const power = suitePower([
    outcome('a', 'QUEUE-5', 'killed'),
    outcome('b', 'QUEUE-5', 'survived'),
    outcome('c', 'CONS-4', 'killed'),
    outcome('d', 'CONS-4', 'killed'),
    outcome('e', 'CONS-4', 'unknown'),
    outcome('f', 'HA-3', 'stale'),
    outcome('g', 'HA-3', 'build-error'),
  ]);
  assert.equal(power.score, 3 / 5);
  assert.deepEqual(
    [power.killed, power.survived, power.unknown, power.stale, power.buildErrors, power.total],
    [3, 1, 1, 1, 1, 7],
  );
});

test('per clause: killed of every mutant of the clause, in catalogue order', () => {
  const power = suitePower([
    outcome('a', 'SEND-10', 'killed'),
    outcome('b', 'SEND-8', 'survived'),
    outcome('c', 'SEND-8', 'killed'),
    outcome('d', 'CONS-4', 'stale'),
  ]);
  assert.deepEqual(
    power.clauses.map((c) => [c.clause, c.killed, c.total, c.survived, c.errors]),
    [
      ['CONS-4', 0, 1, 0, 1],
      ['SEND-8', 1, 2, 1, 0],
      ['SEND-10', 1, 1, 0, 0],
    ],
  );
});

test('no mutant ran to a verdict: no score, not 0% or 100%', () => {
  const power = suitePower([outcome('a', 'HA-3', 'stale')]);
  assert.equal(power.score, null);
  assert.equal(scoreLabel(power.score), 'n/a');
  assert.equal(suitePower([]).score, null);
});

test('labels and order', () => {
  assert.equal(scoreLabel(0.9134), '91.3%');
  assert.ok(byClauseId('ARCH-2', 'ARCH-10') < 0);
  assert.ok(byClauseId('BATCH-1', 'ARCH-3') > 0);
});
