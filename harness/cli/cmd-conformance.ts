import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadCatalogue } from '../report/clause-catalogue.js';
import { requestedEngine } from '../engines/engine-choice.js';
import { DEFAULT_ENGINE, driverIdentity, driverNamed } from '../engines/index.js';
import { buildReport } from '../report/conformance-report.js';
import { readCucumberResults } from '../report/cucumber-results.js';
import { readMutationReport } from '../mutate/mutation-report.js';
import { readPreviousConformance } from '../report/verdict-changes.js';
import { messagesFile, prepareRun, runCucumber, type SuiteOptions } from './cmd-test.js';
import { reportConformance } from './conformance-outcome.js';

export interface ConformanceOptions extends SuiteOptions {
  allowUncovered: boolean;
  /** An earlier run's conformance.json: the report marks the clauses whose verdict changed. */
  compare?: string;
}

/**
 * `wanlab conformance`: runs every feature, then writes one verdict per documented clause.
 * Exit 0 only when cucumber passed, no clause fails, none is unknown and (unless allowed)
 * none is uncovered. With --shard, runs one share and judges only the clauses it touched
 * (`wanlab report merge` judges them all from every shard's results).
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
  const { scenarios, cucumberArgs } = await prepareRun([], options);
  const messages = messagesFile();
  if (scenarios.length === 0 && options.shard) {
    process.stderr.write('wanlab conformance: nothing to run in this shard\n');
    return 0;
  }
  const startedMs = performance.now();
  const cucumberExit = await runCucumber(cucumberArgs, options, scenarios);
  const elapsedMs = performance.now() - startedMs;
  if (!existsSync(messages)) {
    process.stderr.write('wanlab conformance: cucumber wrote no results; see its output above\n');
    return cucumberExit === 0 ? 1 : cucumberExit;
  }
  const results = readCucumberResults(messages);
  const mutation = readMutationReport(dirname(messages));
  const report = buildReport(catalogue, results, {
    ...(mutation ? { mutation } : {}),
    ...(previous ? { previous } : {}),
    ...(options.shard && options.shard.count > 1 ? { shard: options.shard } : {}),
    seed: process.env.WANLAB_SEED ?? '',
    allowUncovered: options.allowUncovered,
    generatedAt: new Date(),
    ...(options.runtime ? { runtime: options.runtime } : {}),
    driver: driverIdentity(driverNamed(engine, 'the run')),
  });
  const code = reportConformance(report, catalogue, results, {
    dir: dirname(messages),
    elapsedMs,
  });
  return code !== 0 || cucumberExit !== 0 ? 1 : 0;
}
