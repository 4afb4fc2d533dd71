import type { Clause } from './clause-catalogue.js';
import { clauseIdsOf } from './clause-catalogue.js';
import type { ScenarioResult } from './cucumber-results.js';

export type Verdict = 'pass' | 'fail' | 'uncovered' | 'unknown';

export type ScenarioEvidence = Pick<
  ScenarioResult,
  'name' | 'uri' | 'line' | 'status' | 'durationMs' | 'message'
>;

export interface ClauseVerdict {
  clause: Clause;
  verdict: Verdict;
  scenarios: ScenarioEvidence[];
}

export interface ConformanceSummary {
  clauses: number;
  pass: number;
  fail: number;
  uncovered: number;
  unknown: number;
}

/**
 * One verdict per clause from the scenarios tagged with it: any failing scenario fails the
 * clause; all passing pass it; none is "uncovered" (never a pass); anything else (skipped,
 * pending, not run) is unknown: no evidence is never a pass.
 */
export function judgeClauses(
  clauses: readonly Clause[],
  scenarios: readonly ScenarioResult[],
): ClauseVerdict[] {
  return clauses.map((clause) => {
    const tagged = scenarios.filter((s) => clauseIdsOf(s.tags).includes(clause.id));
    return {
      clause,
      verdict: verdictOf(tagged),
      scenarios: tagged.map(({ name, uri, line, status, durationMs, message }) => ({
        name,
        uri,
        line,
        status,
        durationMs,
        ...(message ? { message } : {}),
      })),
    };
  });
}

function verdictOf(scenarios: readonly ScenarioResult[]): Verdict {
  if (scenarios.length === 0) return 'uncovered';
  if (
    scenarios.some(
      (s) => s.status === 'failed' || s.status === 'undefined' || s.status === 'ambiguous',
    )
  )
    return 'fail';
  if (scenarios.every((s) => s.status === 'passed')) return 'pass';
  return 'unknown';
}

export function summarize(verdicts: readonly ClauseVerdict[]): ConformanceSummary {
  const count = (v: Verdict): number => verdicts.filter((c) => c.verdict === v).length;
  return {
    clauses: verdicts.length,
    pass: count('pass'),
    fail: count('fail'),
    uncovered: count('uncovered'),
    unknown: count('unknown'),
  };
}

/** `N clauses: P pass, F fail, U uncovered, K unknown` */
export function summaryLine(summary: ConformanceSummary): string {
  return `${summary.clauses} clauses: ${summary.pass} pass, ${summary.fail} fail, ${summary.uncovered} uncovered, ${summary.unknown} unknown`;
}

/** Scenario tags that name clauses missing from the catalogue. */
export function unknownClauseTags(
  clauses: readonly Clause[],
  scenarios: readonly ScenarioResult[],
): string[] {
  const known = new Set(clauses.map((c) => c.id));
  return [...new Set(scenarios.flatMap((s) => clauseIdsOf(s.tags)).filter((id) => !known.has(id)))];
}
