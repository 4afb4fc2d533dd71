import type { CheckerName } from '../experiment/experiment-schema.js';
import type { CheckerSetting } from '../experiment/model.js';
import type { History } from '../history/history.js';
import { conflicts } from './conflicts.js';
import { convergence } from './convergence.js';
import { duplicates } from './duplicates.js';
import { lag } from './lag.js';
import { noLoss } from './no-loss.js';
import { order } from './order.js';
import { pauseBound } from './pause-bound.js';
import { combine, type Checker, type CheckResult, type Verdict } from './verdict.js';

export const CHECKERS: Record<CheckerName, Checker> = {
  convergence,
  'no-loss': noLoss,
  order,
  duplicates,
  conflicts,
  'pause-bound': pauseBound,
  lag,
};

export interface RunVerdict {
  verdict: Exclude<Verdict, 'n/a'>;
  results: CheckResult[];
  /** Harness problems during the run: they make a passing run unknown. */
  harnessErrors: string[];
}

/** Runs the history's own checkers (those the experiment named), or the given ones. */
export function judge(history: History, settings?: CheckerSetting[]): RunVerdict {
  const chosen = settings ?? (history.run.checkers as CheckerSetting[]);
  const results = chosen.map((setting) => {
    const na = history.run.notApplicable?.find((n) => n.checker === setting.name);
    if (na) return notApplicable(setting.name, na.engine, na.missing);
    const checker = CHECKERS[setting.name];
    return checker ? checker(history, setting) : unknownChecker(setting.name);
  });
  const harnessErrors = history.errors.map((e) => e.message);
  const verdicts = results.map((r) => r.verdict);
  const verdict = combine(harnessErrors.length > 0 ? [...verdicts, 'unknown'] : verdicts);
  return { verdict, results, harnessErrors };
}

function notApplicable(name: CheckerName, engine: string, missing: string[]): CheckResult {
  return {
    checker: name,
    verdict: 'n/a',
    summary: `not applicable on ${engine}: it lacks ${missing.join(', ')}`,
    evidence: { missing },
  };
}

function unknownChecker(name: string): CheckResult {
  return {
    checker: name as CheckerName,
    verdict: 'unknown',
    summary: `this version of wanlab has no checker "${name}"`,
    evidence: {},
  };
}
