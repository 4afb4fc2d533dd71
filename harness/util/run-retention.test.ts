import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { runClean } from '../cli/cmd-clean.js';
import { DEFAULT_KEEP_RUNS, keepRunsFrom, pruneRunFolder, pruneState } from './run-retention.js';

/** A folder of runs named as the harness names them, oldest first, each holding a file. */
function runsFolder(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-retention-'));
  for (const name of names) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'seed'), '1\n');
  }
  return dir;
}

const run = (minute: number, suffix: string): string =>
  `2026-12-07T12-${String(minute).padStart(2, '0')}-00-000Z-${suffix}`;

const nothingRuns = (): boolean => false;

test('the newest runs are kept by their start time, the rest removed', () => {
  const names = [run(3, 'two-site-101'), run(1, 'two-site-99'), run(2, 'chaos-seed7')];
  const dir = runsFolder(names);
  const removed = pruneRunFolder(dir, { keep: 2, isRunning: nothingRuns });
  assert.deepEqual(removed, [join(dir, run(1, 'two-site-99'))]);
  assert.deepEqual(readdirSync(dir).sort(), [run(2, 'chaos-seed7'), run(3, 'two-site-101')]);
});

test('a run whose harness still runs, the one just made and folders not named as runs stay', () => {
  const dir = runsFolder([run(1, 'busy-4242'), run(2, 'done-4243'), run(3, 'new-seed1'), 'notes']);
  const removed = pruneRunFolder(dir, {
    keep: 0,
    isRunning: (pid) => pid === 4242,
    except: join(dir, run(3, 'new-seed1')),
  });
  assert.deepEqual(removed, [join(dir, run(2, 'done-4243'))]);
  assert.deepEqual(readdirSync(dir).sort(), [run(1, 'busy-4242'), run(3, 'new-seed1'), 'notes']);
});

test('a missing folder of runs is nothing to prune', () => {
  assert.deepEqual(pruneRunFolder(join(tmpdir(), 'wanlab-no-such-dir'), { keep: 1 }), []);
});

test('pruneState prunes runs/ and chaos/ each to the newest N', () => {
  const state = mkdtempSync(join(tmpdir(), 'wanlab-state-'));
  for (const folder of ['runs', 'chaos']) {
    for (const minute of [1, 2, 3])
      mkdirSync(join(state, folder, run(minute, `x-${minute}`)), { recursive: true });
  }
  const removed = pruneState(state, { keep: 1, isRunning: nothingRuns });
  assert.equal(removed.length, 4);
  assert.deepEqual(readdirSync(join(state, 'runs')), [run(3, 'x-3')]);
  assert.deepEqual(readdirSync(join(state, 'chaos')), [run(3, 'x-3')]);
});

test('how many runs to keep: --keep, else WANLAB_KEEP_RUNS, else 20; a bad value is a usage error', () => {
  assert.equal(keepRunsFrom(undefined, {}), DEFAULT_KEEP_RUNS);
  assert.equal(DEFAULT_KEEP_RUNS, 20);
  assert.equal(keepRunsFrom(undefined, { WANLAB_KEEP_RUNS: '5' }), 5);
  assert.equal(keepRunsFrom('0', { WANLAB_KEEP_RUNS: '5' }), 0);
  for (const [option, env] of [
    ['-1', {}],
    ['ten', {}],
    [undefined, { WANLAB_KEEP_RUNS: '2.5' }],
  ] as const) {
    assert.throws(
      () => keepRunsFrom(option, env),
      (error: unknown) =>
        isHarnessError(error) && error.code === 'WANLAB_USAGE' && error.exitCode === 2,
    );
  }
});

test('wanlab clean removes what is beyond the newest N and says how much it freed', (t) => {
  const state = mkdtempSync(join(tmpdir(), 'wanlab-clean-'));
  for (const minute of [1, 2, 3]) {
    mkdirSync(join(state, 'chaos', run(minute, `exp-seed${minute}`)), { recursive: true });
    writeFileSync(
      join(state, 'chaos', run(minute, `exp-seed${minute}`), 'history.ndjson'),
      'x'.repeat(1024 * 1024),
    );
  }
  const written: string[] = [];
  t.mock.method(process.stdout, 'write', (text: string) => written.push(text) > 0);
  assert.equal(runClean(1, state), 0);
  t.mock.restoreAll();
  assert.deepEqual(readdirSync(join(state, 'chaos')), [run(3, 'exp-seed3')]);
  assert.match(written.join(''), /removed 2 run folders of .* \(2\.0 MB\), kept the newest 1/);
});
