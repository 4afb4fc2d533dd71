import { existsSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkFeatures } from '../features/preflight.js';
import { loadCatalogue } from '../report/clause-catalogue.js';
import { summaryLine, unknownClauseTags } from '../report/conformance.js';
import { CAPABILITY_NAMES } from '../../contract/index.js';
import { requestedEngine } from '../engines/engine-choice.js';
import { DEFAULT_ENGINE, driverIdentity, driverNamed } from '../engines/index.js';
import { buildReport, capabilitiesLabel, engineLabel } from '../report/conformance-report.js';
import { readCucumberResults } from '../report/cucumber-results.js';
import { poolSummaryLine } from '../report/run-evidence.js';
import { writeReports } from '../report/write-reports.js';
import { readMutationReport } from '../mutate/mutation-report.js';
import { readPreviousConformance } from '../report/verdict-changes.js';
import { newRootSeed } from '../util/seed.js';
import { messagesFile, runCucumber, type SuiteOptions } from './cmd-test.js';

export interface ConformanceOptions extends SuiteOptions {
  allowUncovered: boolean;
  /** An earlier run's conformance.json: the report marks the clauses whose verdict changed. */
  compare?: string;
}

/**
 * `wanlab conformance`: runs every feature, then writes one verdict per documented clause.
 * Exit 0 only when cucumber passed, no clause fails, none is unknown and (unless allowed)
 * none is uncovered.
 */
export async function runConformance(options: ConformanceOptions): Promise<number> {
  // Another engine's reports go beside wanlab's: reports/<engine>/ (unless the dir is chosen).
  const engine = requestedEngine(options.engine) ?? DEFAULT_ENGINE;
  if (engine !== DEFAULT_ENGINE && !process.env.WANLAB_REPORTS_DIR) {
    process.env.WANLAB_REPORTS_DIR = join('reports', engine);
  }
  // Read before the run: it may be the very reports/conformance.json this run overwrites.
  const previous =
    options.compare === undefined ? undefined : readPreviousConformance(options.compare);
  const catalogue = loadCatalogue();
  const scenarios = await checkFeatures([]);
  const messages = messagesFile();
  rmSync(messages, { force: true });
  process.env.WANLAB_SEED ??= String(newRootSeed());
  const startedMs = performance.now();
  const cucumberExit = await runCucumber([], options, scenarios);
  const elapsedS = ((performance.now() - startedMs) / 1000).toFixed(1);
  if (!existsSync(messages)) {
    process.stderr.write('wanlab conformance: cucumber wrote no results; see its output above\n');
    return cucumberExit === 0 ? 1 : cucumberExit;
  }
  const results = readCucumberResults(messages);
  const mutation = readMutationReport(dirname(messages));
  const report = buildReport(catalogue, results, {
    ...(mutation ? { mutation } : {}),
    ...(previous ? { previous } : {}),
    seed: process.env.WANLAB_SEED,
    allowUncovered: options.allowUncovered,
    generatedAt: new Date(),
    ...(options.runtime ? { runtime: options.runtime } : {}),
    driver: driverIdentity(driverNamed(engine, 'the run')),
  });
  const files = writeReports(report, dirname(messages));
  const ids = (verdict: string): string[] =>
    report.clauses.filter((c) => c.verdict === verdict).map((c) => c.clause.id);
  const lines = [
    '',
    `engine ${engineLabel(report)} (driver ${report.driver.name}, capabilities: ${capabilitiesLabel(report, CAPABILITY_NAMES)}); suite ran in ${elapsedS} s; ${poolSummaryLine(report.deployments)}`,
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
  const failed =
    fail > 0 || unknown > 0 || unknownTags.length > 0 || (!options.allowUncovered && uncovered > 0);
  return failed || cucumberExit !== 0 ? 1 : 0;
}
