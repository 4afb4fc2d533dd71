import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Clause } from './clause-catalogue.js';
import { judgeClauses, summarize, unknownClauseTags } from './conformance.js';
import type { ScenarioResult } from './cucumber-results.js';

const clause = (id: string): Clause => ({
  id,
  family: id.split('-')[0]!,
  sources: ['000'],
  statement: id,
});
const scenario = (tags: string[], status: ScenarioResult['status']): ScenarioResult => ({
  pickleId: Math.random().toString(),
  name: tags.join(' '),
  uri: 'f.feature',
  line: 1,
  tags,
  status,
  durationMs: 1,
});

test('a clause is pass only when every tagged scenario passed', () => {
  const verdicts = judgeClauses(
    [clause('A-1'), clause('A-2'), clause('A-3'), clause('A-4')],
    [
      scenario(['@clause:A-1'], 'passed'),
      scenario(['@clause:A-2', '@clause:A-1'], 'failed'),
      scenario(['@clause:A-3'], 'skipped'),
    ],
  );
  assert.deepEqual(
    verdicts.map((v) => v.verdict),
    ['fail', 'fail', 'unknown', 'uncovered'],
  );
  assert.deepEqual(summarize(verdicts), {
    clauses: 4,
    pass: 0,
    fail: 2,
    uncovered: 1,
    unknown: 1,
    notApplicable: 0,
  });
});

test('an undefined step fails its clauses', () => {
  const [verdict] = judgeClauses([clause('A-1')], [scenario(['@clause:A-1'], 'undefined')]);
  assert.equal(verdict!.verdict, 'fail');
});

test('tags naming clauses outside the catalogue are found', () => {
  assert.deepEqual(
    unknownClauseTags(
      [clause('A-1')],
      [scenario(['@clause:A-1', '@clause:Z-9', '@slow'], 'passed')],
    ),
    ['Z-9'],
  );
});
