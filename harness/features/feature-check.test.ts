import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadClauses } from '../report/clause-catalogue.js';
import { dryRun } from './dry-run.js';
import { featureProblems, formatProblems } from './feature-check.js';

const FIXTURE = 'harness/features/fixtures/bad-steps.feature';
const known = (): Set<string> => new Set(loadClauses().map((c) => c.id));

test('an undefined step is named at its line, with the nearest defined steps', async () => {
  const problems = featureProblems(await dryRun([FIXTURE]), known());
  const misspelt = problems.find((p) => p.line === 10);
  assert.equal(
    misspelt?.message,
    'undefined step: When I putt "k1" = "v1" in region "data" at site 1',
  );
  assert.equal(
    misspelt?.suggestions?.[0],
    'I put {string} = {string} in region {string} at site {site}',
  );
  const unrelated = problems.find((p) => p.line === 15);
  assert.deepEqual(unrelated?.suggestions, []);
  assert.match(
    formatProblems(problems),
    /bad-steps\.feature:15: undefined step: When I launch the rocket towards the moon\n {4}no defined step is close/,
  );
});

test('a clause tag missing from the catalogue is named at its line', async () => {
  const problems = featureProblems(await dryRun([FIXTURE]), known());
  const tag = problems.find((p) => p.message.includes('NOPE-1'));
  assert.equal(tag?.line, 8);
  assert.equal(tag?.uri, FIXTURE);
  assert.equal(problems.filter((p) => p.message.includes('ARCH-1')).length, 0);
});

test('a @needs: tag naming no capability is named at its line, with the nearest names', async () => {
  const problems = featureProblems(await dryRun([FIXTURE]), known());
  const tag = problems.find((p) => p.message.includes('@needs:applied-logs'));
  assert.equal(tag?.line, 13);
  assert.match(tag?.message ?? '', /nearest known: applied-log\b/);
});

test('the project features have no problem', async () => {
  assert.deepEqual(featureProblems(await dryRun([]), known()), []);
});
