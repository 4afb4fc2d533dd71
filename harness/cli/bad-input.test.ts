import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readCucumberResults } from '../report/cucumber-results.js';
import { projectRoot } from '../util/project-root.js';

/**
 * `wanlab test` end to end on fixture features (harness/features/fixtures), with its own
 * topologies folder and reports folder so the project's reports are left alone.
 */
function wanlabTest(features: string[]): {
  status: number | null;
  output: string;
  reports: string;
} {
  const reports = mkdtempSync(join(tmpdir(), 'wanlab-bad-input-'));
  const result = spawnSync(process.execPath, ['bin/wanlab.js', 'test', ...features], {
    cwd: projectRoot(),
    encoding: 'utf8',
    timeout: 180_000,
    env: {
      ...process.env,
      WANLAB_TOPOLOGIES: 'harness/features/fixtures/topologies',
      WANLAB_REPORTS_DIR: reports,
    },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}`, reports };
}

test('an undefined step fails the run before anything starts, with the nearest steps', () => {
  const run = wanlabTest(['harness/features/fixtures/bad-steps.feature']);
  try {
    assert.equal(run.status, 2, run.output);
    assert.match(
      run.output,
      /bad-steps\.feature:10: undefined step: When I putt "k1" = "v1" in region "data" at site 1\n\s+nearest defined steps:\n\s+I put \{string\} = \{string\} in region \{string\} at site \{site\}/,
    );
    assert.match(run.output, /bad-steps\.feature:8: unknown clause tag @clause:NOPE-1/);
    assert.match(
      run.output,
      /bad-steps\.feature:13: unknown capability tag @needs:applied-logs: nearest known: applied-log/,
    );
    assert.ok(!existsSync(join(run.reports, 'cucumber-messages.ndjson')), 'cucumber ran');
  } finally {
    rmSync(run.reports, { recursive: true, force: true });
  }
});

test('a topology that does not validate fails its feature with the message; others run', () => {
  const run = wanlabTest([
    'harness/features/fixtures/invalid-topology.feature',
    'harness/features/fixtures/valid-topology.feature',
  ]);
  try {
    assert.equal(run.status, 1, run.output);
    assert.match(
      run.output,
      /invalid-site-ids\.yaml:9:5 sites\[1\]\.id: distributed-system-id 1 is already used by site "site1"/,
    );
    assert.doesNotMatch(run.output, /at parseTopology/, 'a user mistake is shown without a stack');
    const { scenarios } = readCucumberResults(join(run.reports, 'cucumber-messages.ndjson'));
    const statusOf = (uri: string): string[] =>
      scenarios.filter((s) => s.uri.endsWith(uri)).map((s) => s.status);
    assert.deepEqual(statusOf('/invalid-topology.feature'), ['failed', 'failed']);
    assert.deepEqual(statusOf('/valid-topology.feature'), ['passed']);
  } finally {
    rmSync(run.reports, { recursive: true, force: true });
  }
});
