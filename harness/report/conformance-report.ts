import type { Catalogue } from './clause-catalogue.js';
import {
  judgeClauses,
  summarize,
  type ClauseVerdict,
  type ConformanceSummary,
} from './conformance.js';
import type { RunResults } from './cucumber-results.js';
import type { Shard } from '../schedule/shard.js';
import { sourceLegend } from './report-overview.js';
import type { MutationReport } from '../mutate/mutation-report.js';
import { suitePowerSection, type SuitePowerSection } from './suite-power.js';
import {
  verdictChanges,
  type PreviousConformance,
  type VerdictChangesSection,
} from './verdict-changes.js';
import {
  distinctDrivers,
  distinctEngines,
  poolSummary,
  type DriverIdentity,
  type EngineIdentity,
  type PoolSummary,
} from './run-evidence.js';

/** The engine named when no member ever answered (no scenario started a deployment). */
export const UNKNOWN_ENGINE: EngineIdentity = { name: 'unknown engine', version: 'unknown' };

/** Everything the conformance reports say, one engine per report (one column for now). */
export interface ConformanceReport {
  /** As the members reported it on GET /health during the run. */
  engine: EngineIdentity;
  /** More than one only if members of the run reported different engines. */
  engines: EngineIdentity[];
  /** The engine driver that ran the deployments, and the capabilities it declared. */
  driver: DriverIdentity;
  runtime: string;
  generatedAt: string;
  seed: string;
  allowUncovered: boolean;
  summary: ConformanceSummary;
  families: Record<string, string>;
  clauses: ClauseVerdict[];
  deployments: PoolSummary;
  /** What each source marker of the clauses (`000`, `issue-17`) is. */
  legend: Array<{ marker: string; meaning: string }>;
  /** From reports/mutation.json, when `wanlab mutate` wrote one. */
  suitePower?: SuitePowerSection;
  /** `--compare <file>`: the clauses whose verdict changed since that run. */
  changes?: VerdictChangesSection;
  /** `--shard i/n`: this report covers one share of the scenarios only. */
  shard?: Shard;
  /** `wanlab report merge`: the shards' cucumber reports (shards/<i>-of-<n>/cucumber.html). */
  shardReports?: string[];
}

export interface ReportContext {
  seed: string;
  allowUncovered: boolean;
  generatedAt: Date;
  /** The runtime asked for on the command line, if any. */
  runtime?: string;
  /** The driver the run asked for: named when no deployment started (every scenario n/a). */
  driver: DriverIdentity;
  /** reports/mutation.json, if any: the report then shows the suite's power. */
  mutation?: MutationReport;
  /** `--compare <file>`: the earlier run to compare verdicts with. */
  previous?: PreviousConformance;
  shard?: Shard;
  shardReports?: string[];
}

export function buildReport(
  catalogue: Catalogue,
  results: RunResults,
  context: ReportContext,
): ConformanceReport {
  const verdicts = judgeClauses(catalogue.clauses, results.scenarios);
  const engines = distinctEngines(results.evidence);
  const runtimes = [...new Set(results.evidence.map((e) => e.runtime))];
  return {
    engine: engines[0] ?? UNKNOWN_ENGINE,
    engines,
    driver: distinctDrivers(results.evidence)[0] ?? context.driver,
    runtime: runtimes.join(', ') || context.runtime || 'none started',
    generatedAt: context.generatedAt.toISOString(),
    seed: context.seed,
    allowUncovered: context.allowUncovered,
    summary: summarize(verdicts),
    families: catalogue.families,
    clauses: verdicts,
    deployments: poolSummary(results.evidence),
    legend: sourceLegend(catalogue),
    ...(context.mutation ? { suitePower: suitePowerSection(context.mutation) } : {}),
    ...(context.previous ? { changes: verdictChanges(context.previous, verdicts) } : {}),
    ...(context.shard ? { shard: context.shard } : {}),
    ...(context.shardReports ? { shardReports: context.shardReports } : {}),
  };
}

/** The capabilities the engine declared, or `every capability` when it declared them all. */
export function capabilitiesLabel(
  report: Pick<ConformanceReport, 'driver'>,
  all: readonly string[],
): string {
  const has = new Set(report.driver.capabilities);
  const lacking = all.filter((name) => !has.has(name));
  if (lacking.length === 0) return `every capability (${all.length})`;
  return `${report.driver.capabilities.join(', ') || 'none'}; lacks ${lacking.join(', ')}`;
}

export function engineLabel(report: Pick<ConformanceReport, 'engines' | 'engine'>): string {
  const engines = report.engines.length > 0 ? report.engines : [report.engine];
  return engines.map((e) => `${e.name} ${e.version}`).join(' + ');
}

/** The clauses of each family, in catalogue order. */
export function byFamily(report: ConformanceReport): Array<[string, ClauseVerdict[]]> {
  const groups = new Map<string, ClauseVerdict[]>();
  for (const verdict of report.clauses) {
    const family = verdict.clause.family;
    groups.set(family, [...(groups.get(family) ?? []), verdict]);
  }
  return [...groups.entries()];
}
