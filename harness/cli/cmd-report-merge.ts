import { resolve } from 'node:path';
import { DEFAULT_ENGINE, driverIdentity, driverNamed } from '../engines/index.js';
import { loadCatalogue } from '../report/clause-catalogue.js';
import { buildReport } from '../report/conformance-report.js';
import { CUCUMBER_HTML } from '../report/evidence-links.js';
import {
  copyShardEvidence,
  mergeShardRuns,
  readShardRun,
  shardFolder,
} from '../report/merge-shards.js';
import { readPreviousConformance } from '../report/verdict-changes.js';
import { reportConformance } from './conformance-outcome.js';

export interface MergeOptions {
  /** The reports folder of every shard of one run. */
  dirs: string[];
  /** Where the merged reports go (default reports/). */
  outDir: string;
  allowUncovered: boolean;
  compare?: string;
}

/**
 * `wanlab report merge <folders...>`: one conformance report from the shards of a run, as
 * `wanlab conformance` would have written it had one machine run every scenario. Exit codes
 * as `wanlab conformance`.
 */
export function runReportMerge(options: MergeOptions): number {
  const previous =
    options.compare === undefined ? undefined : readPreviousConformance(options.compare);
  const runs = options.dirs.map((dir) => readShardRun(resolve(dir)));
  const results = mergeShardRuns(runs);
  const outDir = resolve(options.outDir);
  copyShardEvidence(runs, outDir);
  const catalogue = loadCatalogue();
  const engine = runs.find((run) => run.record.engine)?.record.engine ?? DEFAULT_ENGINE;
  const report = buildReport(catalogue, results, {
    ...(previous ? { previous } : {}),
    seed: [...new Set(runs.map((run) => run.record.seed))].join(', '),
    allowUncovered: options.allowUncovered,
    generatedAt: new Date(),
    driver: driverIdentity(driverNamed(engine, 'the merged run')),
    shardReports: [...runs]
      .sort((a, b) => a.record.shard.index - b.record.shard.index)
      .map((run) => `${shardFolder(run)}/${CUCUMBER_HTML}`),
  });
  const failed = results.scenarios.some((s) => s.status === 'failed');
  const code = reportConformance(report, catalogue, results, { dir: outDir });
  return code !== 0 || failed ? 1 : 0;
}
