import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Catalogue } from './clause-catalogue.js';
import { buildReport, UNKNOWN_ENGINE } from './conformance-report.js';
import { readCucumberResults, type RunResults } from './cucumber-results.js';
import { renderHtml } from './render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { DEPLOYMENT_ATTACHMENT, type DeploymentEvidence } from './run-evidence.js';
import { writeReports } from './write-reports.js';

const catalogue: Catalogue = {
  families: { A: 'Alpha things', B: 'Beta things' },
  sources: { '000': 'Seed zero', '001': 'Seed one' },
  clauses: [
    { id: 'A-1', family: 'A', sources: ['000'], statement: 'alpha one <holds>' },
    { id: 'A-2', family: 'A', sources: ['001'], statement: 'alpha two' },
    { id: 'B-1', family: 'B', sources: ['002'], statement: 'beta one' },
  ],
};

const evidence = (engine: string, reused: boolean): DeploymentEvidence => ({
  topology: 'two-site',
  runtime: 'process',
  reused,
  acquireMs: reused ? 100 : 2000,
  engines: [{ member: 'site1-m1', name: engine, version: '9.9.9' }],
  runDir: '/tmp/run',
});

const results: RunResults = {
  scenarios: [
    {
      pickleId: 'p1',
      name: 'alpha passes',
      uri: 'features/a.feature',
      line: 7,
      tags: ['@clause:A-1'],
      status: 'passed',
      durationMs: 1500,
    },
    {
      pickleId: 'p2',
      name: 'alpha & beta fail',
      uri: 'features/a.feature',
      line: 12,
      tags: ['@clause:A-1', '@clause:B-1'],
      status: 'failed',
      durationMs: 2500,
      message: 'expected 3 entries <got 2>',
    },
  ],
  evidence: [evidence('other-engine', false), evidence('other-engine', true)],
};

const context = {
  seed: '42',
  allowUncovered: false,
  generatedAt: new Date(0),
  driver: { name: 'fake', version: '1.0', capabilities: ['transactions'] },
};

test('the report names the engine its members reported, not the harness', () => {
  const report = buildReport(catalogue, results, context);
  assert.deepEqual(report.engine, { name: 'other-engine', version: '9.9.9' });
  assert.deepEqual(report.deployments, { started: 1, startMs: 2000, reused: 1, resetMs: 100 });
  assert.deepEqual(
    buildReport(catalogue, { ...results, evidence: [] }, context).engine,
    UNKNOWN_ENGINE,
  );
});

test('verdicts: a failing scenario fails every clause it names; untagged clauses are uncovered', () => {
  const report = buildReport(catalogue, results, context);
  assert.deepEqual(
    report.clauses.map((c) => [c.clause.id, c.verdict]),
    [
      ['A-1', 'fail'],
      ['A-2', 'uncovered'],
      ['B-1', 'fail'],
    ],
  );
  assert.deepEqual(report.summary, {
    clauses: 3,
    pass: 0,
    fail: 2,
    uncovered: 1,
    unknown: 0,
    notApplicable: 0,
  });
});

test('markdown: summary line, family sections, evidence links into the cucumber report', () => {
  const markdown = renderMarkdown(buildReport(catalogue, results, context));
  assert.match(markdown, /^# WAN conformance of other-engine 9\.9\.9$/m);
  assert.match(markdown, /\*\*3 clauses: 0 pass, 2 fail, 1 uncovered, 0 unknown\*\*/);
  assert.match(markdown, /^## A: Alpha things \(0 of 2 pass\)$/m);
  assert.match(markdown, /\[A-1\]\(cucumber\.html\?query=%40clause%3AA-1\) \| \*\*fail\*\*/);
  assert.match(
    markdown,
    /\[alpha passes\]\(cucumber\.html\?query=alpha%20passes\) \(passed, features\/a\.feature:7\)/,
  );
  assert.match(markdown, /^## Uncovered\n\nA-2$/m);
});

test('markdown opens with what is not passing, failures first, then the family × verdict counts and the source legend', () => {
  const markdown = renderMarkdown(buildReport(catalogue, results, context));
  const at = (text: string): number => {
    const index = markdown.indexOf(text);
    assert.ok(index >= 0, `${text} in:\n${markdown}`);
    return index;
  };
  assert.ok(at('## Not passing (3)') < at('## Clauses by family and verdict'));
  assert.ok(at('## Clauses by family and verdict') < at('## Sources'));
  assert.ok(at('## Sources') < at('## A: Alpha things'), 'before the family tables');
  assert.match(
    markdown,
    /\| \[A-1\]\(cucumber\.html\?query=%40clause%3AA-1\) \| \*\*fail\*\* \| other-engine 9\.9\.9 \| \[alpha & beta fail\]\(cucumber\.html\?query=alpha%20%26%20beta%20fail\) \(features\/a\.feature:12\) \| expected 3 entries <got 2> \|/,
  );
  assert.ok(at('| [B-1]') < at('| A-2 | **uncovered**'), 'failures before the uncovered');
  assert.match(
    markdown,
    /\| A-2 \| \*\*uncovered\*\* \| .* \| — \| no scenario is tagged with this clause \|/,
  );
  assert.match(markdown, /\| family \| pass \| fail \| unknown \| uncovered \| n\/a \|/);
  assert.match(markdown, /^\| A \| 0 \| 1 \| 0 \| 1 \| 0 \|$/m);
  assert.match(markdown, /^\| \*\*all\*\* \| 0 \| 2 \| 0 \| 1 \| 0 \|$/m);
  assert.match(markdown, /^- `000`: Seed zero\n- `001`: Seed one\n- `002`: not described/m);
});

test('html opens with the failing clauses too; a passing run says every clause passes', () => {
  const html = renderHtml(buildReport(catalogue, results, context));
  const notPassing = html.indexOf('<h2 id="not-passing">Not passing <small>3</small></h2>');
  assert.ok(notPassing > 0 && notPassing < html.indexOf('<h2 id="A">'), 'before the families');
  assert.match(
    html,
    /<tr><td><a href="#A-1">A-1<\/a><\/td><td><span class="verdict fail">fail<\/span><\/td><td>other-engine 9\.9\.9<\/td><td><a href="cucumber\.html\?query=alpha%20%26%20beta%20fail">alpha &amp; beta fail<\/a> <small>features\/a\.feature:12<\/small><\/td><td>expected 3 entries &lt;got 2&gt;<\/td><\/tr>/,
  );
  assert.match(html, /<dt><code>001<\/code><\/dt><dd>Seed one<\/dd>/);
  const passing = renderMarkdown(
    buildReport(
      { ...catalogue, clauses: catalogue.clauses.slice(0, 1) },
      { ...results, scenarios: results.scenarios.slice(0, 1) },
      context,
    ),
  );
  assert.match(passing, /^## Not passing\n\nEvery clause passes\.$/m);
});

test('junit: one case per clause; uncovered is a failure unless allowed, then skipped', () => {
  const strict = renderJunit(buildReport(catalogue, results, context));
  assert.match(strict, /<testsuites [^>]*tests="3" failures="3" errors="0" skipped="0"/);
  assert.match(strict, /<testcase classname="conformance\.A" name="A-1 alpha one &lt;holds&gt;"/);
  assert.match(strict, /<failure type="fail" message="fail: 1 of 2 scenarios failed">/);
  assert.match(strict, /expected 3 entries &lt;got 2&gt;/);
  const lenient = renderJunit(
    buildReport(catalogue, results, { ...context, allowUncovered: true }),
  );
  assert.match(lenient, /failures="2" errors="0" skipped="1"/);
  assert.match(lenient, /<skipped message="uncovered: no scenario is tagged @clause:A-2"\/>/);
});

test('html: escaped text, verdict classes, links to the evidence', () => {
  const html = renderHtml(buildReport(catalogue, results, context));
  assert.match(html, /alpha one &lt;holds&gt;/);
  assert.match(html, /alpha &amp; beta fail/);
  assert.doesNotMatch(html, /<holds>|<got 2>/);
  assert.match(html, /<span class="verdict fail">fail<\/span>/);
  assert.match(html, /href="cucumber\.html\?query=%40clause%3AB-1"/);
});

test('cucumber messages give each scenario its line, last attempt and deployment evidence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-messages-'));
  const file = join(dir, 'messages.ndjson');
  const envelopes = [
    {
      gherkinDocument: {
        uri: 'features/a.feature',
        feature: { children: [{ scenario: { id: 's1', location: { line: 9 }, steps: [] } }] },
      },
    },
    {
      pickle: {
        id: 'p1',
        name: 'retried',
        uri: 'features/a.feature',
        astNodeIds: ['s1'],
        tags: [{ name: '@clause:A-1' }],
      },
    },
    { testCase: { id: 'c1', pickleId: 'p1' } },
    { testCaseStarted: { id: 'r1', testCaseId: 'c1' } },
    step('r1', 'FAILED', 'first try failed'),
    { testCaseStarted: { id: 'r2', testCaseId: 'c1' } },
    {
      attachment: {
        body: JSON.stringify(evidence('wanlab-engine', true)),
        contentEncoding: 'IDENTITY',
        fileName: DEPLOYMENT_ATTACHMENT,
        testCaseStartedId: 'r2',
      },
    },
    step('r2', 'PASSED'),
  ];
  writeFileSync(file, envelopes.map((e) => JSON.stringify(e)).join('\n'));
  try {
    const read = readCucumberResults(file);
    assert.equal(read.scenarios.length, 1);
    assert.equal(read.scenarios[0]!.line, 9);
    assert.equal(read.scenarios[0]!.status, 'passed');
    assert.equal(read.scenarios[0]!.message, undefined);
    assert.equal(read.evidence[0]?.engines[0]?.name, 'wanlab-engine');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writeReports writes the four reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-reports-'));
  try {
    const files = writeReports(buildReport(catalogue, results, context), dir);
    assert.deepEqual(
      files.map((f) => f.slice(dir.length + 1)),
      ['conformance.json', 'conformance.md', 'conformance.html', 'conformance-junit.xml'],
    );
    const json = JSON.parse(readFileSync(files[0]!, 'utf8')) as { summary: { fail: number } };
    assert.equal(json.summary.fail, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function step(started: string, status: string, message?: string): object {
  return {
    testStepFinished: {
      testCaseStartedId: started,
      testStepResult: {
        status,
        duration: { seconds: 1, nanos: 0 },
        ...(message ? { message } : {}),
      },
    },
  };
}

test('a shard report says so; a merged report links each shard report and chaos evidence', () => {
  const shard = buildReport(catalogue, results, { ...context, shard: { index: 2, count: 3 } });
  assert.match(renderMarkdown(shard), /_Shard 2\/3 of a sharded run: .*wanlab report merge/);
  assert.match(renderHtml(shard), /<p class="shard"><em>Shard 2\/3 of a sharded run/);
  const merged = buildReport(
    catalogue,
    {
      ...results,
      scenarios: results.scenarios.map((s) => ({
        ...s,
        evidence: `shards/1-of-2/cucumber.html?query=%40x${s.line}`,
        chaos: ['chaos/run-7/report.html'],
      })),
    },
    { ...context, shardReports: ['shards/1-of-2/cucumber.html', 'shards/2-of-2/cucumber.html'] },
  );
  const md = renderMarkdown(merged);
  assert.match(md, /\[cucumber report of shard 2-of-2\]\(shards\/2-of-2\/cucumber\.html\)/);
  assert.match(md, /\[A-1\]\(shards\/1-of-2\/cucumber\.html\?query=%40clause%3AA-1\)/);
  assert.match(md, /\(shards\/1-of-2\/cucumber\.html\?query=%40x12\)/);
  assert.match(md, /chaos evidence: \[run-7\]\(chaos\/run-7\/report\.html\)/);
  const html = renderHtml(merged);
  assert.match(html, /<a class="chaos" href="chaos\/run-7\/report\.html">run-7<\/a>/);
  assert.doesNotMatch(html, /href="cucumber\.html/);
  assert.doesNotMatch(md, /\]\(cucumber\.html/);
});
