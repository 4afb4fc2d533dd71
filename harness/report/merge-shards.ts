import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HarnessError } from '../errors.js';
import { readShardRecord, type ShardRecord } from '../schedule/shard-run.js';
import { shardLabel } from '../schedule/shard.js';
import { readCucumberResults, type RunResults } from './cucumber-results.js';
import { CUCUMBER_HTML } from './evidence-links.js';

const MESSAGES = 'cucumber-messages.ndjson';

/** One shard's reports folder, read. */
export interface ShardRun {
  dir: string;
  record: ShardRecord;
  results: RunResults;
}

export function readShardRun(dir: string): ShardRun {
  const record = readShardRecord(dir);
  const messages = join(dir, MESSAGES);
  if (!existsSync(messages)) {
    if (record.scenarios === 0) return { dir, record, results: { scenarios: [], evidence: [] } };
    throw new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `${dir} has no ${MESSAGES}: shard ${shardLabel(record.shard)} did not finish`,
      'run that shard again, or merge the folders of a run whose shards all finished',
    );
  }
  return { dir, record, results: readCucumberResults(messages) };
}

/** Where a shard's own cucumber reports go in the merged folder. */
export function shardFolder(run: Pick<ShardRun, 'record'>): string {
  return `shards/${run.record.shard.index}-of-${run.record.shard.count}`;
}

/**
 * Checks that the runs are every share of one sharded run (or one whole run), each once, and
 * puts their results together as if one run had produced them (in feature path and line order). Each scenario's evidence link
 * points into its own shard's cucumber.html, copied to shards/<i>-of-<n>/ by copyShardEvidence.
 */
export function mergeShardRuns(runs: readonly ShardRun[]): RunResults {
  checkComplete(runs);
  const scenarios: RunResults['scenarios'] = [];
  const seen = new Map<string, string>();
  for (const run of runs) {
    for (const scenario of run.results.scenarios) {
      const where = `${scenario.uri}:${scenario.line}`;
      const other = seen.get(where);
      if (other !== undefined) {
        throw new HarnessError(
          'WANLAB_USAGE',
          `${where} (${scenario.name}) ran in both ${other} and ${run.dir}: the shards overlap`,
          'merge the shards of one run, all made with the same features and the same selection',
        );
      }
      seen.set(where, run.dir);
      const html = `${shardFolder(run)}/${CUCUMBER_HTML}`;
      scenarios.push({
        ...scenario,
        ...(scenario.evidence
          ? { evidence: scenario.evidence.replace(CUCUMBER_HTML, html) }
          : { evidence: html }),
      });
    }
  }
  // the order of one run of every feature: cucumber reads the files sorted by path
  scenarios.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.line - b.line));
  return { scenarios, evidence: runs.flatMap((run) => run.results.evidence) };
}

function checkComplete(runs: readonly ShardRun[]): void {
  const counts = new Set(runs.map((run) => run.record.shard.count));
  const count = runs[0]?.record.shard.count ?? 0;
  const indices = runs.map((run) => run.record.shard.index).sort((a, b) => a - b);
  const expected = Array.from({ length: count }, (_, i) => i + 1);
  if (counts.size === 1 && indices.join(',') === expected.join(',')) return;
  const given = runs.map((run) => shardLabel(run.record.shard)).join(', ');
  throw new HarnessError(
    'WANLAB_USAGE',
    `the folders hold shards ${given}: not every share of one run exactly once`,
    `give the reports folders of shards 1/${count} to ${count}/${count} of the same run`,
  );
}

/** Copies each shard's cucumber reports and its chaos runs' evidence into the merged folder. */
export function copyShardEvidence(runs: readonly ShardRun[], outDir: string): void {
  for (const run of runs) {
    const target = join(outDir, shardFolder(run));
    mkdirSync(target, { recursive: true });
    for (const file of [CUCUMBER_HTML, 'cucumber-junit.xml', MESSAGES]) {
      const from = join(run.dir, file);
      if (existsSync(from)) cpSync(from, join(target, file));
    }
    const chaos = join(run.dir, 'chaos');
    if (existsSync(chaos) && resolve(chaos) !== resolve(outDir, 'chaos'))
      cpSync(chaos, join(outDir, 'chaos'), { recursive: true });
  }
}
