import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildMutationReport } from '../mutate/mutation-report.js';
import type { MutantOutcome } from '../mutate/mutation-score.js';
import { suitePowerHtml, suitePowerMarkdown, suitePowerSection } from './suite-power.js';

function outcome(name: string, clause: string, verdict: MutantOutcome['verdict']): MutantOutcome {
  return {
    name,
    clause,
    bug: `<${name}> bug`,
    file: 'engine/x.ts',
    verdict,
    killedBy: [],
    durationMs: 1,
  };
}

const section = suitePowerSection(
  buildMutationReport(
    [
      outcome('a', 'QUEUE-5', 'killed'),
      outcome('b', 'QUEUE-5', 'survived'),
      outcome('c', 'CONS-4', 'killed'),
      outcome('d', 'HA-3', 'stale'),
    ],
    new Date('2026-01-01T00:00:00Z'),
  ),
);

test('without a mutation run the reports say nothing of suite power', () => {
  assert.deepEqual(suitePowerMarkdown(undefined), []);
  assert.equal(suitePowerHtml(undefined), '');
});

test('markdown: the score, what was not killed listed as failures, killed of total per clause', () => {
  const md = suitePowerMarkdown(section).join('\n');
  assert.match(md, /## Suite power \(mutation score 66\.7%\)/);
  assert.match(md, /\| QUEUE-5 \| b \| \*\*survived\*\* \| <b> bug \|/);
  assert.match(md, /\| HA-3 \| d \| \*\*stale\*\* \|/);
  assert.doesNotMatch(md, /\| QUEUE-5 \| a \|/);
  assert.match(md, /\| QUEUE-5 \| 1 \| 2 \|/);
  assert.match(md, /\| CONS-4 \| 1 \| 1 \|/);
});

test('html: escaped, with the per-clause table', () => {
  const html = suitePowerHtml(section);
  assert.match(html, /mutation score 66\.7%/);
  assert.match(html, /&lt;b&gt; bug/);
  assert.match(html, /<tr><td>QUEUE-5<\/td><td>1<\/td><td>2<\/td><\/tr>/);
});
