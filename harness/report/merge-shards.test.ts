import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import type { ShardRecord } from '../schedule/shard-run.js';
import type { ScenarioResult } from './cucumber-results.js';
import { copyShardEvidence, mergeShardRuns, type ShardRun } from './merge-shards.js';

function scenario(uri: string, line: number, status: ScenarioResult['status']): ScenarioResult {
  return {
    pickleId: `${uri}:${line}`,
    name: `scenario at ${line}`,
    uri,
    line,
    tags: ['@clause:ARCH-1'],
    status,
    durationMs: 10,
    evidence: `cucumber.html?query=%40clause%3AARCH-1%20and%20not%20%40x${line}`,
  };
}

function run(index: number, count: number, scenarios: ScenarioResult[]): ShardRun {
  const record: ShardRecord = { shard: { index, count }, scenarios: scenarios.length, seed: '7' };
  return { dir: `/shards/${index}`, record, results: { scenarios, evidence: [] } };
}

test('the merge holds every scenario of every shard, linked into its own shard report', () => {
  const merged = mergeShardRuns([
    run(2, 2, [scenario('features/b.feature', 4, 'failed')]),
    run(1, 2, [
      scenario('features/a.feature', 3, 'passed'),
      scenario('features/a.feature', 9, 'passed'),
    ]),
  ]);
  assert.deepEqual(
    merged.scenarios.map((s) => [s.uri, s.line, s.status]),
    [
      ['features/a.feature', 3, 'passed'],
      ['features/a.feature', 9, 'passed'],
      ['features/b.feature', 4, 'failed'],
    ],
  );
  assert.equal(
    merged.scenarios[2]!.evidence,
    'shards/2-of-2/cucumber.html?query=%40clause%3AARCH-1%20and%20not%20%40x4',
  );
  assert.match(merged.scenarios[0]!.evidence ?? '', /^shards\/1-of-2\/cucumber\.html\?/);
});

test('a missing, doubled or foreign shard, or a scenario in two shards, is refused', () => {
  const a = scenario('features/a.feature', 3, 'passed');
  const cases: ShardRun[][] = [
    [run(1, 3, [a]), run(3, 3, [])],
    [run(1, 2, [a]), run(1, 2, [])],
    [run(1, 2, [a]), run(2, 3, [])],
  ];
  for (const runs of cases) {
    assert.throws(
      () => mergeShardRuns(runs),
      (e) => isHarnessError(e) && e.code === 'WANLAB_USAGE' && /exactly once/.test(e.message),
    );
  }
  assert.throws(
    () => mergeShardRuns([run(1, 2, [a]), run(2, 2, [{ ...a }])]),
    (e) => isHarnessError(e) && /the shards overlap/.test(e.message),
  );
});

test('each shard brings its cucumber reports and its chaos runs into the merged folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'wanlab-merge-'));
  const runs = [1, 2].map((index) => {
    const dir = join(root, `shard-${index}`);
    mkdirSync(join(dir, 'chaos', `run-${index}`), { recursive: true });
    writeFileSync(join(dir, 'cucumber.html'), `<html>${index}</html>`);
    writeFileSync(join(dir, 'chaos', `run-${index}`, 'report.html'), 'chaos');
    return { ...run(index, 2, []), dir };
  });
  const out = join(root, 'merged');
  copyShardEvidence(runs, out);
  assert.equal(readFileSync(join(out, 'shards/2-of-2/cucumber.html'), 'utf8'), '<html>2</html>');
  assert.ok(existsSync(join(out, 'chaos/run-1/report.html')));
  assert.ok(existsSync(join(out, 'chaos/run-2/report.html')));
});
