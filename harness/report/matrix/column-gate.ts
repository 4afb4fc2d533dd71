import type { ConformanceReport } from '../conformance-report.js';

/**
 * Whether an engine's column is usable evidence, whatever its verdicts: a clause the engine
 * fails is a finding about the engine, but a column whose deployments never started, a clause
 * with no result, or an n/a that names no missing capability is a fault of the run.
 */
export function columnProblems(report: ConformanceReport): string[] {
  const problems: string[] = [];
  const { deployments } = report;
  if (deployments.started + deployments.reused === 0) {
    problems.push(`${report.driver.name}: no deployment started, so no clause was tried`);
  }
  for (const verdict of report.clauses) {
    const id = verdict.clause.id;
    if (verdict.verdict === 'unknown' || verdict.verdict === 'uncovered') {
      problems.push(`${report.driver.name}: ${id} is ${verdict.verdict}`);
    }
    if (verdict.verdict !== 'n/a') continue;
    const unnamed = verdict.scenarios.filter((s) => !/\blacks \S/.test(s.message ?? ''));
    if (unnamed.length > 0) {
      problems.push(`${report.driver.name}: ${id} is n/a without a named missing capability`);
    }
  }
  return problems;
}
