import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Catalogue } from '../clause-catalogue.js';
import { buildReport, type ConformanceReport } from '../conformance-report.js';
import type { ScenarioResult, ScenarioStatus } from '../cucumber-results.js';
import type { DeploymentEvidence } from '../run-evidence.js';
import { columnProblems } from './column-gate.js';
import { agreementOf, buildMatrix } from './engine-matrix.js';
import { renderMatrixHtml } from './render-matrix-html.js';
import { renderMatrixMarkdown } from './render-matrix-markdown.js';
import { readConformanceReport, writeMatrix } from './write-matrix.js';

const catalogue: Catalogue = {
  families: { A: 'Alpha', B: 'Beta' },
  clauses: [
    { id: 'A-1', family: 'A', sources: ['000'], statement: 'alpha one' },
    { id: 'A-2', family: 'A', sources: ['001'], statement: 'alpha two' },
    { id: 'B-1', family: 'B', sources: ['002'], statement: 'beta | one' },
    { id: 'B-2', family: 'B', sources: ['002'], statement: 'beta two' },
  ],
};

const evidence: DeploymentEvidence = {
  topology: 'two-site',
  runtime: 'process',
  reused: false,
  acquireMs: 1000,
  engines: [{ member: 'site1-m1', name: 'engine', version: '1' }],
  runDir: '/tmp/run',
};

function scenario(clause: string, status: ScenarioStatus, message?: string): ScenarioResult {
  return {
    pickleId: `${clause}-${status}`,
    name: `${clause} scenario`,
    uri: 'features/x.feature',
    line: 3,
    tags: [`@clause:${clause}`],
    status,
    durationMs: 10,
    ...(message ? { message } : {}),
  };
}

function report(
  driver: string,
  statuses: Record<string, [ScenarioStatus, string?]>,
): ConformanceReport {
  const scenarios = Object.entries(statuses).map(([id, [status, message]]) =>
    scenario(id, status, message),
  );
  return buildReport(
    catalogue,
    { scenarios, evidence: [evidence] },
    {
      seed: '7',
      allowUncovered: false,
      generatedAt: new Date(0),
      driver: { name: driver, version: '1', capabilities: [] },
    },
  );
}

const ours = report('wanlab', {
  'A-1': ['passed'],
  'A-2': ['passed'],
  'B-1': ['passed'],
  'B-2': ['passed'],
});
const theirs = report('geode', {
  'A-1': ['passed'],
  'A-2': ['failed', 'ConditionTimeout: timed out after 20000 ms\n  at eventually'],
  'B-1': ['not-applicable', 'not applicable on geode 1.15.1: it lacks clock-skew'],
  'B-2': ['failed', 'expected 2 got 1'],
});

test('agreement: pass against fail disagrees; n/a or unknown beside a verdict is incomparable', () => {
  assert.equal(agreementOf(['pass', 'pass']), 'agree');
  assert.equal(agreementOf(['pass', 'fail']), 'disagree');
  assert.equal(agreementOf(['pass', 'n/a']), 'incomparable');
  assert.equal(agreementOf(['fail', 'unknown']), 'incomparable');
});

test('the matrix lists disagreements first, links the explained ones and names the rest', () => {
  const matrix = buildMatrix(
    [
      { report: ours, reportDir: '.' },
      { report: theirs, reportDir: 'geode' },
    ],
    new Map([['A-2', 'a-2-why']]),
    new Date(0),
  );
  assert.deepEqual(
    matrix.rows.map((r) => [r.clause.id, r.agreement]),
    [
      ['A-2', 'disagree'],
      ['B-2', 'disagree'],
      ['A-1', 'agree'],
      ['B-1', 'incomparable'],
    ],
  );
  assert.equal(matrix.disagreements, 2);
  assert.deepEqual(matrix.unexplained, ['B-2']);
  const a2 = matrix.rows[0]!;
  assert.equal(a2.divergence, 'a-2-why');
  assert.equal(a2.cells[1]!.reason, 'A-2 scenario: ConditionTimeout: timed out after 20000 ms');
  assert.equal(a2.cells[1]!.evidence, 'geode/cucumber.html?query=%40clause%3AA-2');
  assert.equal(a2.cells[0]!.evidence, 'cucumber.html?query=%40clause%3AA-2');
  assert.match(matrix.rows[3]!.cells[1]!.reason ?? '', /lacks clock-skew/);
});

test('the renderings show both columns, the disagreements section and the missing entries', () => {
  const matrix = buildMatrix(
    [
      { report: ours, reportDir: '.' },
      { report: theirs, reportDir: 'geode' },
    ],
    new Map([['A-2', 'a-2-why']]),
    new Date(0),
  );
  const md = renderMatrixMarkdown(matrix);
  assert.match(md, /# WAN conformance matrix: wanlab vs geode/);
  assert.ok(md.indexOf('## Disagreements') < md.indexOf('## Every clause'));
  assert.match(md, /divergences\.md#a-2-why/);
  assert.match(md, /not explained in .*: B-2/);
  assert.match(md, /beta \\\| one/);
  const html = renderMatrixHtml(matrix);
  assert.match(html, /<tr id="A-2" class="disagree">/);
  assert.match(html, /<th>wanlab<\/th><th>geode<\/th>/);
});

test('a column gate: findings are fine, a run that never started or an unnamed n/a is not', () => {
  assert.deepEqual(columnProblems(theirs), []);
  const neverStarted = {
    ...theirs,
    deployments: { started: 0, startMs: 0, reused: 0, resetMs: 0 },
  };
  assert.match(columnProblems(neverStarted).join('\n'), /no deployment started/);
  const unnamed = report('geode', {
    'A-1': ['passed'],
    'A-2': ['passed'],
    'B-1': ['not-applicable', 'skipped'],
    'B-2': ['skipped'],
  });
  assert.deepEqual(columnProblems(unnamed), [
    'geode: B-1 is n/a without a named missing capability',
    'geode: B-2 is unknown',
  ]);
});

test('writeMatrix reads conformance.json files and refuses what is not one, naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-matrix-'));
  try {
    writeFileSync(join(dir, 'conformance.json'), JSON.stringify(ours));
    const geodeDir = join(dir, 'geode');
    writeFileSync(join(dir, 'broken.json'), '{"summary": {}}');
    assert.throws(
      () => readConformanceReport(join(dir, 'broken.json')),
      /broken\.json: not a conformance report \(no driver, clauses, deployments, families\)/,
    );
    assert.throws(() => readConformanceReport(join(dir, 'absent.json')), /absent\.json/);
    rmSync(geodeDir, { recursive: true, force: true });
    const { matrix, written } = writeMatrix([join(dir, 'conformance.json')], dir, new Date(0));
    assert.equal(matrix.rows.length, 4);
    assert.ok(written.some((f) => f.endsWith('matrix.html')));
    assert.match(readFileSync(join(dir, 'matrix.md'), 'utf8'), /conformance matrix: wanlab/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
