import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { progressLine } from '../chaos/progress.js';
import { distDir } from '../util/project-root.js';
import { parseDurationMs } from './duration.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(distDir(), 'harness', 'cli', 'main.js'), ...args], {
    encoding: 'utf8',
  });

test('durations take s, ms and m', () => {
  assert.equal(parseDurationMs('60s', '--time-limit'), 60000);
  assert.equal(parseDurationMs('1500ms', '--time-limit'), 1500);
  assert.equal(parseDurationMs('2m', '--time-limit'), 120000);
  assert.equal(parseDurationMs('45', '--time-limit'), 45000);
  assert.throws(() => parseDurationMs('soon', '--time-limit'), /"soon" is not a duration/);
  assert.throws(() => parseDurationMs('10ms', '--time-limit'), /under a second/);
});

test('the progress line shows time left, throughput, queues, lag and active faults', () => {
  const line = progressLine({
    phase: 'running',
    elapsedMs: 12400,
    timeLimitMs: 30000,
    counts: { ok: 700, fail: 3, unknown: 1, inFlight: 2 },
    opsPerS: 59.6,
    queues: { 'site1-m1/to-site2': 12 },
    lagP50Ms: 85,
    activeFaults: [
      {
        id: 4,
        kind: 'latency',
        target: { type: 'link', link: 'site1->site2' },
        params: {},
        startMs: 0,
        durationMs: 1,
      },
    ],
  });
  assert.equal(
    line,
    '18s left | 60 ops/s (ok 700 fail 3 unknown 1) | queues site1-m1/to-site2=12 | lag p50 85ms | faults: latency site1->site2',
  );
});

test('--plan prints the same schedule for the same seed and another for another seed', () => {
  const a = cli('chaos', 'mesh-partitions', '--seed', '7', '--plan');
  const b = cli('chaos', 'mesh-partitions', '--seed', '7', '--plan');
  const c = cli('chaos', 'mesh-partitions', '--seed', '8', '--plan');
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  assert.notEqual(a.stdout, c.stdout);
  assert.match(a.stdout, /^mesh-partitions, seed 7: \d+ faults\nID\s+AT \(s\)/);
});

test('an invalid experiment is rejected with file, line and field, exit 2', () => {
  const result = cli(
    'chaos',
    join(distDir(), '..', 'harness', 'cli', 'testdata', 'bad-experiment.yaml'),
    '--plan',
  );
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /error WANLAB_EXPERIMENT_INVALID: .*bad-experiment\.yaml:9:\d+ nemesis\.faults\[0\]\.members\[0\]: member "site9-m1" is not in the topology/s,
  );
  assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace for a user mistake');
});
