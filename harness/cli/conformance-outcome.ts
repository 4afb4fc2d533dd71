import { relative } from 'node:path';
import { CAPABILITY_NAMES } from '../../contract/index.js';
import type { Catalogue } from '../report/clause-catalogue.js';
import { summaryLine, unknownClauseTags } from '../report/conformance.js';
import {
  capabilitiesLabel,
  engineLabel,
  type ConformanceReport,
} from '../report/conformance-report.js';
import type { RunResults } from '../report/cucumber-results.js';
import { poolSummaryLine } from '../report/run-evidence.js';
import { writeReports } from '../report/write-reports.js';

export interface OutcomeOptions {
  /** Where the reports go. */
  dir: string;
  /** How long the suite ran, when this process ran it. */
  elapsedMs?: number;
}

/**
 * Writes the conformance reports, prints their summary, and returns the exit code the
 * verdicts call for: 1 while a clause fails or is unknown, a scenario names a clause the
 * catalogue lacks, or (unless allowed, and never for one shard of a run) a clause is
 * uncovered; else 0.
 */
export function reportConformance(
  report: ConformanceReport,
  catalogue: Catalogue,
  results: RunResults,
  options: OutcomeOptions,
): number {
  const files = writeReports(report, options.dir);
  const ids = (verdict: string): string[] =>
    report.clauses.filter((c) => c.verdict === verdict).map((c) => c.clause.id);
  const ran =
    options.elapsedMs === undefined
      ? ''
      : `; suite ran in ${(options.elapsedMs / 1000).toFixed(1)} s`;
  const lines = [
    '',
    `engine ${engineLabel(report)} (driver ${report.driver.name}, capabilities: ${capabilitiesLabel(report, CAPABILITY_NAMES)})${ran}; ${poolSummaryLine(report.deployments)}`,
    ...(report.shard
      ? [
          `shard ${report.shard.index}/${report.shard.count}: clauses without a scenario in this shard are uncovered here; \`wanlab report merge\` judges them all`,
        ]
      : []),
    ...(report.shardReports ? [`merged from ${report.shardReports.length} shard runs`] : []),
    summaryLine(report.summary),
    ...(report.suitePower ? [`suite power: ${report.suitePower.line}`] : []),
    ...(report.changes ? [report.changes.line] : []),
    ...(report.changes?.changes ?? [])
      .filter((c) => c.kind === 'regressed')
      .map((c) => `regressed: ${c.clause} ${c.from} -> ${c.to}`),
    ...(['fail', 'unknown', 'uncovered', 'n/a'] as const)
      .filter((verdict) => ids(verdict).length > 0)
      .map((verdict) => `${verdict}: ${ids(verdict).join(', ')}`),
    `reports: ${files.map((f) => relative(process.cwd(), f)).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const unknownTags = unknownClauseTags(catalogue.clauses, results.scenarios);
  if (unknownTags.length > 0)
    process.stderr.write(
      `error: scenarios name clauses that are not in features/clauses.yaml: ${unknownTags.join(', ')}\n`,
    );
  const { fail, unknown, uncovered } = report.summary;
  const uncoveredFails = !report.allowUncovered && report.shard === undefined && uncovered > 0;
  return fail > 0 || unknown > 0 || unknownTags.length > 0 || uncoveredFails ? 1 : 0;
}
