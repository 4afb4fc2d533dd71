import type { ScenarioResult } from '../report/cucumber-results.js';
import type { MutantVerdict } from './mutation-score.js';

export interface RunJudgement {
  verdict: Extract<MutantVerdict, 'killed' | 'survived' | 'unknown'>;
  killedBy: string[];
  detail?: string;
}

/**
 * What the scenarios' run on a mutated engine says: killed when a scenario failed, survived
 * when the run passed and at least one scenario passed, unknown otherwise (stopped at its
 * time limit, nothing ran to a result, or cucumber failed without a failing scenario).
 */
export function judgeRun(
  exitCode: number | undefined,
  scenarios: readonly ScenarioResult[],
): RunJudgement {
  const failed = scenarios.filter((s) => s.status === 'failed' || s.status === 'ambiguous');
  if (failed.length > 0) {
    return { verdict: 'killed', killedBy: failed.map((s) => `${s.uri}:${s.line} ${s.name}`) };
  }
  if (exitCode === undefined) {
    return { verdict: 'unknown', killedBy: [], detail: 'stopped at its time limit' };
  }
  const passed = scenarios.filter((s) => s.status === 'passed').length;
  if (exitCode === 0 && passed > 0) return { verdict: 'survived', killedBy: [] };
  return {
    verdict: 'unknown',
    killedBy: [],
    detail:
      exitCode === 0
        ? 'no scenario ran to a result'
        : `the run exited ${exitCode} without a failing scenario`,
  };
}
