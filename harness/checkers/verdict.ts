import type { CheckerName } from '../experiment/experiment-schema.js';
import type { CheckerSetting } from '../experiment/model.js';
import type { History } from '../history/history.js';

export type Verdict = 'pass' | 'fail' | 'unknown';

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

/** The verdict of several: any fail fails; else any unknown is unknown; else pass. */
export function combine(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('unknown') || verdicts.length === 0) return 'unknown';
  return 'pass';
}
