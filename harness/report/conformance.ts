import type { Clause } from './clause-catalogue.js';
import { clauseIdsOf } from './clause-catalogue.js';
import type { ScenarioResult } from './cucumber-results.js';

/** `n/a`: every scenario of the clause needs a capability the engine lacks. */
export type Verdict = 'pass' | 'fail' | 'uncovered' | 'unknown' | 'n/a';

export type ScenarioEvidence = Pick<
  ScenarioResult,
  'name' | 'uri' | 'line' | 'status' | 'durationMs' | 'message' | 'evidence' | 'chaos'
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
  /** Clauses not applicable on the engine (shown apart; neither pass nor fail). */
  notApplicable: number;
}

/**
 * One verdict per clause from the scenarios tagged with it: any failing scenario fails the
 * clause; all passing pass it; none is "uncovered" (never a pass); all of them not applicable
 * on the engine (it lacks a capability they need) is "n/a"; anything else (skipped, pending,
 * not run) is unknown: no evidence is never a pass. Scenarios not applicable beside others
 * count for nothing: the clause is judged on the others.
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
      scenarios: tagged.map(
        ({ name, uri, line, status, durationMs, message, evidence, chaos }) => ({
          name,
          uri,
          line,
          status,
          durationMs,
          ...(message ? { message } : {}),
          ...(evidence ? { evidence } : {}),
          ...(chaos && chaos.length > 0 ? { chaos } : {}),
        }),
      ),
    };
  });
}

function verdictOf(tagged: readonly ScenarioResult[]): Verdict {
  if (tagged.length === 0) return 'uncovered';
  const scenarios = tagged.filter((s) => s.status !== 'not-applicable');
  if (scenarios.length === 0) return 'n/a';
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
    notApplicable: count('n/a'),
  };
}

/** `N clauses: P pass, F fail, U uncovered, K unknown`, and `, A n/a` when some are. */
export function summaryLine(summary: ConformanceSummary): string {
  const na = summary.notApplicable > 0 ? `, ${summary.notApplicable} n/a` : '';
  return `${summary.clauses} clauses: ${summary.pass} pass, ${summary.fail} fail, ${summary.uncovered} uncovered, ${summary.unknown} unknown${na}`;
}

/** Scenario tags that name clauses missing from the catalogue. */
export function unknownClauseTags(
  clauses: readonly Clause[],
  scenarios: readonly ScenarioResult[],
): string[] {
  const known = new Set(clauses.map((c) => c.id));
  return [...new Set(scenarios.flatMap((s) => clauseIdsOf(s.tags)).filter((id) => !known.has(id)))];
}
