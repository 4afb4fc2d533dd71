import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadClauses } from '../report/clause-catalogue.js';
import { judgeClauses, summaryLine, unknownClauseTags } from '../report/conformance.js';
import { readCucumberResults } from '../report/cucumber-results.js';
import { buildReport, writeReports } from '../report/write-reports.js';
import { projectRoot } from '../util/project-root.js';
import { newRootSeed } from '../util/seed.js';
import type { RuntimeKind } from '../runtime/runtime.js';
import { runCucumber } from './cmd-test.js';

/**
 * `wanlab conformance`: runs every feature (on `runtime` if given), then writes one verdict
 * per documented clause. Exit 0 only when no clause fails, none is unknown and (unless
 * allowed) none is uncovered.
 */
export async function runConformance(options: {
  allowUncovered: boolean;
  runtime?: RuntimeKind;
}): Promise<number> {
  const reports = join(projectRoot(), 'reports');
  const messages = join(reports, 'cucumber-messages.ndjson');
  rmSync(messages, { force: true });
  process.env.WANLAB_SEED ??= String(newRootSeed());
  const cucumberExit = await runCucumber([], options.runtime);
  if (!existsSync(messages)) {
    process.stderr.write('wanlab conformance: cucumber wrote no results; see its output above\n');
    return cucumberExit === 0 ? 1 : cucumberExit;
  }
  const clauses = loadClauses();
  const scenarios = readCucumberResults(messages);
  const unknown = unknownClauseTags(clauses, scenarios);
  const report = buildReport(judgeClauses(clauses, scenarios), process.env.WANLAB_SEED);
  const files = writeReports(report, reports);
  process.stdout.write(
    `\n${summaryLine(report.summary)}\nreports: ${files.map((f) => relative(process.cwd(), f)).join(', ')}\n`,
  );
  const uncovered = report.clauses.filter((c) => c.verdict === 'uncovered').map((c) => c.clause.id);
  if (uncovered.length > 0) process.stdout.write(`uncovered: ${uncovered.join(', ')}\n`);
  if (unknown.length > 0)
    process.stderr.write(
      `error: scenarios name clauses that are not in features/clauses.yaml: ${unknown.join(', ')}\n`,
    );
  const { fail, unknown: unknownVerdicts, uncovered: uncoveredCount } = report.summary;
  const failed =
    fail > 0 ||
    unknownVerdicts > 0 ||
    unknown.length > 0 ||
    (!options.allowUncovered && uncoveredCount > 0);
  return failed || cucumberExit !== 0 ? 1 : 0;
}
