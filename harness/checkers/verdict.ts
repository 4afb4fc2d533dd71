import type { CheckerName } from '../experiment/experiment-schema.js';
import type { CheckerSetting } from '../experiment/model.js';
import type { History } from '../history/history.js';

/** `n/a`: the engine lacks a capability the checker judges through; it was not run. */
export type Verdict = 'pass' | 'fail' | 'unknown' | 'n/a';

/** What a checker found: its verdict, one line saying why, and the evidence behind it. */
export interface CheckResult {
  checker: CheckerName;
  verdict: Verdict;
  summary: string;
  evidence: Record<string, unknown>;
}

/** A checker is a pure function of a history (and its settings). */
export type Checker = (history: History, setting: CheckerSetting) => CheckResult;

/** Anomalies listed in evidence are cut to this many; counts are always complete. */
export const EVIDENCE_LIMIT = 20;

export function result(
  checker: CheckerName,
  verdict: Verdict,
  summary: string,
  evidence: Record<string, unknown> = {},
): CheckResult {
  return { checker, verdict, summary, evidence };
}

/**
 * The verdict of several: any fail fails; else any unknown is unknown; else pass. n/a counts
 * for nothing, and nothing judged (none, or all n/a) is unknown, never a pass.
 */
export function combine(verdicts: Verdict[]): Exclude<Verdict, 'n/a'> {
  const judged = verdicts.filter((v) => v !== 'n/a');
  if (judged.includes('fail')) return 'fail';
  if (judged.includes('unknown') || judged.length === 0) return 'unknown';
  return 'pass';
}
