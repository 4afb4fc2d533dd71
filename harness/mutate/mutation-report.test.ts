import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import {
  buildMutationReport,
  mergeOutcomes,
  readMutationReport,
  renderMutationMarkdown,
  writeMutationReport,
} from './mutation-report.js';
import type { MutantOutcome } from './mutation-score.js';

function outcome(name: string, clause: string, verdict: MutantOutcome['verdict']): MutantOutcome {
  return {
    name,
    clause,
    bug: `bug of ${name}`,
    file: 'engine/x.ts',
    verdict,
    killedBy: verdict === 'killed' ? ['features/q.feature:9 a scenario'] : [],
    durationMs: 1000,
  };
}

test("a run of some mutants updates theirs, keeps the others', drops those no longer in mutants/", () => {
  const earlier = [
    outcome('a', 'QUEUE-5', 'survived'),
    outcome('b', 'CONS-4', 'killed'),
    outcome('gone', 'HA-3', 'killed'),
  ];
  const merged = mergeOutcomes(earlier, [outcome('a', 'QUEUE-5', 'killed')], new Set(['a', 'b']));
  assert.deepEqual(
    merged.map((o) => [o.name, o.verdict]),
    [
      ['a', 'killed'],
      ['b', 'killed'],
    ],
  );
});

test('the report sorts by clause, writes json and md, and reads back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-mutation-'));
  try {
    const report = buildMutationReport(
      [outcome('q', 'QUEUE-5', 'survived'), outcome('c', 'CONS-4', 'killed')],
      new Date('2026-01-01T00:00:00Z'),
    );
    assert.deepEqual(
      report.mutants.map((m) => m.clause),
      ['CONS-4', 'QUEUE-5'],
    );
    writeMutationReport(report, dir);
    const back = readMutationReport(dir);
    assert.equal(back?.power.score, 0.5);
    assert.equal(back?.generatedAt, '2026-01-01T00:00:00.000Z');
    const md = renderMutationMarkdown(report);
    assert.match(md, /mutation score 50\.0%: 1 killed, 1 survived/);
    assert.match(md, /\| QUEUE-5 \| q \| \*\*survived\*\* \| bug of q \|/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no mutation.json: undefined; a broken one: a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-mutation-'));
  try {
    assert.equal(readMutationReport(dir), undefined);
    writeFileSync(join(dir, 'mutation.json'), '{"generatedAt": "x"}');
    assert.throws(
      () => readMutationReport(dir),
      (error: unknown) => isHarnessError(error) && error.code === 'WANLAB_REPORT_UNREADABLE',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
