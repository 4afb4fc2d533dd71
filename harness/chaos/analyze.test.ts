import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HistoryBuilder, link } from '../checkers/testing/history-builder.js';
import { HistoryFileError } from '../history/history-file.js';
import { distDir } from '../util/project-root.js';
import { analyzeRunFolder } from './analyze.js';

function runFolderWith(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-run-'));
  writeFileSync(join(dir, 'history.ndjson'), text);
  return dir;
}

function historyText(): string {
  const h = new HistoryBuilder().fault('link-down', link('site1', 'site2'), 500);
  const w = h.write('site1', 'k1');
  h.advance(1000).heal().apply('site2', w).phase('quiescent').finals();
  const records = h.records();
  (records[0] as { checkers: Array<{ name: string }> }).checkers = [
    { name: 'convergence' },
    { name: 'no-loss' },
  ];
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

function analyzeCli(dir: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [join(distDir(), 'harness', 'cli', 'main.js'), 'analyze', dir],
    {
      encoding: 'utf8',
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('analyze judges a stored history with its own checkers and writes the reports', () => {
  const dir = runFolderWith(historyText());
  const analysis = analyzeRunFolder(dir);
  assert.equal(analysis.verdict.verdict, 'pass');
  assert.deepEqual(
    analysis.verdict.results.map((r) => r.checker),
    ['convergence', 'no-loss'],
  );
  for (const file of ['verdicts.json', 'report.json', 'report.html'])
    assert.ok(existsSync(join(dir, file)), file);
  const cli = analyzeCli(dir);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /no-loss\s+PASS/);
});

test('a truncated history fails with its line number and no verdict, exit 2', () => {
  const lines = historyText().trim().split('\n');
  const dir = runFolderWith(lines.slice(0, 6).join('\n') + '\n');
  assert.throws(
    () => analyzeRunFolder(dir),
    (e: unknown) =>
      e instanceof HistoryFileError &&
      /history\.ndjson:6: the history is truncated/.test(e.message),
  );
  assert.ok(!existsSync(join(dir, 'verdicts.json')), 'no verdict written');
  const cli = analyzeCli(dir);
  assert.equal(cli.status, 2);
  assert.match(
    cli.stderr,
    /error WANLAB_HISTORY_INVALID: .*history\.ndjson:6: the history is truncated/,
  );
  assert.equal(cli.stdout, '');
});

test('a corrupt line fails with its line number, exit 2', () => {
  const lines = historyText().trim().split('\n');
  lines[3] = lines[3]!.slice(0, 20);
  const cli = analyzeCli(runFolderWith(lines.join('\n') + '\n'));
  assert.equal(cli.status, 2);
  assert.match(cli.stderr, /history\.ndjson:4: not a JSON record/);
});

test('a failing history exits 1', () => {
  const text = historyText().replace(
    /"type":"final","site":"site2","member":"site2-m1","entries":\[[^\]]*\]/,
    '"type":"final","site":"site2","member":"site2-m1","entries":[]',
  );
  const dir = runFolderWith(text);
  const cli = analyzeCli(dir);
  assert.equal(cli.status, 1, cli.stdout);
  assert.match(readFileSync(join(dir, 'verdicts.json'), 'utf8'), /"verdict": "fail"/);
});
