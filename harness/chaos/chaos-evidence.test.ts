import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyChaosEvidence } from './chaos-evidence.js';

test("a chaos run's report, verdicts and history reach the reports folder; its logs do not", () => {
  const root = mkdtempSync(join(tmpdir(), 'wanlab-evidence-'));
  try {
    const run = join(root, '.wanlab', 'chaos', '2026-12-07T20-00-00-000Z-lost-acks-seed1');
    mkdirSync(join(run, 'logs'), { recursive: true });
    for (const file of ['report.html', 'verdicts.json', 'history.ndjson', 'seed']) {
      writeFileSync(join(run, file), `content of ${file}`);
    }
    writeFileSync(join(run, 'logs', 'site1-m1.log'), 'a member log');
    const reports = join(root, 'reports');
    const link = copyChaosEvidence(run, reports);
    assert.equal(link, 'chaos/2026-12-07T20-00-00-000Z-lost-acks-seed1/report.html');
    const copied = join(reports, 'chaos', '2026-12-07T20-00-00-000Z-lost-acks-seed1');
    assert.equal(readFileSync(join(reports, link), 'utf8'), 'content of report.html');
    assert.equal(readFileSync(join(copied, 'history.ndjson'), 'utf8'), 'content of history.ndjson');
    assert.ok(!existsSync(join(copied, 'logs')), 'member logs stay in the run folder');
    assert.ok(!existsSync(join(copied, 'schedule.json')), 'absent files are skipped, not invented');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
