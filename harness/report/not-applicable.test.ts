import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CAPABILITY_NAMES } from '../../contract/index.js';
import {
  missingCapabilities,
  NOT_APPLICABLE_ATTACHMENT,
  type NotApplicable,
} from '../engines/applicability.js';
import type { EngineDriver } from '../engines/engine-driver.js';
import { driverIdentity } from '../engines/index.js';
import { wanlabDriver } from '../engines/wanlab/wanlab-driver.js';
import type { Catalogue } from './clause-catalogue.js';
import { buildReport } from './conformance-report.js';
import { summaryLine } from './conformance.js';
import { readCucumberResults } from './cucumber-results.js';
import { renderHtml } from './render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { writeReports } from './write-reports.js';

/** An engine that honestly lacks transactions. */
const fakeDriver: EngineDriver = {
  ...wanlabDriver,
  name: 'fake',
  version: '0.0.1',
  capabilities: new Set(CAPABILITY_NAMES.filter((name) => name !== 'transactions')),
};

const catalogue: Catalogue = {
  families: { TX: 'Transactions', ARCH: 'Architecture' },
  clauses: [
    { id: 'TX-1', family: 'TX', sources: ['000'], statement: 'transactions travel whole' },
    { id: 'TX-2', family: 'TX', sources: ['000'], statement: 'mixed' },
    { id: 'ARCH-1', family: 'ARCH', sources: ['000'], statement: 'sites replicate' },
  ],
};

test('a scenario needing a capability the engine lacks is not applicable; one it has runs', () => {
  const tags = ['@clause:TX-1', '@needs:transactions', '@needs:applied-log'];
  assert.deepEqual(missingCapabilities(tags, fakeDriver.capabilities), ['transactions']);
  assert.deepEqual(missingCapabilities(tags, wanlabDriver.capabilities), []);
  assert.deepEqual(missingCapabilities(['@clause:TX-1'], fakeDriver.capabilities), []);
});

/** What cucumber writes when the Before hook of steps/support/hooks.ts skips a scenario. */
function messages(dir: string): string {
  const na: NotApplicable = { engine: 'fake', version: '0.0.1', missing: ['transactions'] };
  const scenario = (id: string, name: string, tags: string[]): object[] => [
    {
      gherkinDocument: {
        uri: 'features/t.feature',
        feature: { children: [{ scenario: { id: `s-${id}`, location: { line: 3 }, steps: [] } }] },
      },
    },
    {
      pickle: {
        id,
        name,
        uri: 'features/t.feature',
        astNodeIds: [`s-${id}`],
        tags: tags.map((name) => ({ name })),
      },
    },
    { testCase: { id: `c-${id}`, pickleId: id } },
    { testCaseStarted: { id: `r-${id}`, testCaseId: `c-${id}` } },
  ];
  const finished = (id: string, status: string): object => ({
    testStepFinished: {
      testCaseStartedId: `r-${id}`,
      testStepResult: { status, duration: { seconds: 0, nanos: 1000 } },
    },
  });
  const envelopes = [
    ...scenario('p1', 'a transaction', ['@clause:TX-1', '@needs:transactions']),
    {
      attachment: {
        body: JSON.stringify(na),
        contentEncoding: 'IDENTITY',
        fileName: NOT_APPLICABLE_ATTACHMENT,
        testCaseStartedId: 'r-p1',
      },
    },
    finished('p1', 'SKIPPED'),
    ...scenario('p2', 'another transaction', ['@clause:TX-2', '@needs:transactions']),
    {
      attachment: {
        body: JSON.stringify(na),
        contentEncoding: 'IDENTITY',
        fileName: NOT_APPLICABLE_ATTACHMENT,
        testCaseStartedId: 'r-p2',
      },
    },
    finished('p2', 'SKIPPED'),
    ...scenario('p3', 'a plain write', ['@clause:TX-2', '@clause:ARCH-1']),
    finished('p3', 'PASSED'),
  ];
  const file = join(dir, 'messages.ndjson');
  writeFileSync(file, envelopes.map((e) => JSON.stringify(e)).join('\n'));
  return file;
}

test('the n/a verdict: from the attachment to every report format, apart from the others', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-na-'));
  try {
    const results = readCucumberResults(messages(dir));
    assert.deepEqual(
      results.scenarios.map((s) => [s.name, s.status]),
      [
        ['a transaction', 'not-applicable'],
        ['another transaction', 'not-applicable'],
        ['a plain write', 'passed'],
      ],
    );
    assert.match(
      results.scenarios[0]!.message ?? '',
      /not applicable on fake 0\.0\.1: it lacks transactions/,
    );

    const report = buildReport(catalogue, results, {
      seed: '1',
      allowUncovered: false,
      generatedAt: new Date(0),
      driver: driverIdentity(fakeDriver),
    });
    // Every scenario of TX-1 is n/a: so is the clause. TX-2 has one that ran: judged on it.
    assert.deepEqual(
      report.clauses.map((c) => [c.clause.id, c.verdict]),
      [
        ['TX-1', 'n/a'],
        ['TX-2', 'pass'],
        ['ARCH-1', 'pass'],
      ],
    );
    assert.equal(report.summary.notApplicable, 1);
    assert.equal(
      summaryLine(report.summary),
      '3 clauses: 2 pass, 0 fail, 0 uncovered, 0 unknown, 1 n/a',
    );
    assert.deepEqual(report.driver.capabilities.includes('transactions'), false);

    const markdown = renderMarkdown(report);
    assert.match(markdown, /\| \[TX-1\]\([^)]*\) \| _n\/a_ \|/);
    assert.match(
      markdown,
      /## Not applicable on fake\n\n.*\n\n- TX-1: not applicable on fake 0\.0\.1: it lacks transactions/,
    );
    assert.match(markdown, /capabilities: .*lacks transactions/);

    const html = renderHtml(report);
    assert.match(html, /<span class="verdict na">n\/a<\/span>/);
    assert.match(html, /<span class="na" style="width:33\.33%">1 n\/a<\/span>/);
    assert.match(html, /<span class="status not-applicable">not-applicable<\/span>/);

    const junit = renderJunit(report);
    assert.match(junit, /failures="0" errors="0" skipped="1"/);
    assert.match(junit, /<property name="capabilities" value="applied-log [^"]*"\/>/);
    assert.doesNotMatch(junit, /<property name="capabilities" value="[^"]*transactions/);
    assert.match(
      junit,
      /<skipped message="n\/a: not applicable on fake 0\.0\.1: it lacks transactions"\/>/,
    );

    const [jsonFile] = writeReports(report, dir);
    const json = JSON.parse(readFileSync(jsonFile!, 'utf8')) as {
      summary: { notApplicable: number };
      clauses: Array<{ verdict: string }>;
      driver: { name: string };
    };
    assert.equal(json.summary.notApplicable, 1);
    assert.equal(json.clauses[0]!.verdict, 'n/a');
    assert.equal(json.driver.name, 'fake');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a skipped scenario without the attachment is no n/a: its clause stays unknown', () => {
  const results = {
    scenarios: [
      {
        pickleId: 'p',
        name: 'skipped for another reason',
        uri: 'features/t.feature',
        line: 3,
        tags: ['@clause:TX-1'],
        status: 'skipped' as const,
        durationMs: 0,
      },
    ],
    evidence: [],
  };
  const report = buildReport(catalogue, results, {
    seed: '1',
    allowUncovered: true,
    generatedAt: new Date(0),
    driver: driverIdentity(wanlabDriver),
  });
  assert.equal(report.clauses[0]!.verdict, 'unknown');
});
