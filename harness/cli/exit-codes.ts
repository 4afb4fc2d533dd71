import type { RunVerdict } from '../checkers/run-checkers.js';

/**
 * The exit codes of `wanlab chaos` and `wanlab analyze`. A harness or input error (the run
 * proves nothing) is told apart from a run that ended with a checker saying unknown.
 */
export const CHAOS_EXIT = {
  pass: 0,
  fail: 1,
  harnessOrInputError: 2,
  unknown: 3,
} as const;

export const CHAOS_EXIT_CODES_HELP = `exit codes:
  0  every checker passed
  1  a checker failed
  2  harness or input error: an invalid experiment or topology (file:line:column),
     a failed start, a fault that could not be injected or healed (a run that
     would otherwise pass); no verdict
  3  verdict unknown: the run completed but a checker could not decide`;

/** A failure stays a failure; an unknown caused by a harness problem is a harness error. */
export function exitCodeOf(run: Pick<RunVerdict, 'verdict' | 'harnessErrors'>): number {
  if (run.verdict === 'pass') return CHAOS_EXIT.pass;
  if (run.verdict === 'fail') return CHAOS_EXIT.fail;
  return run.harnessErrors.length > 0 ? CHAOS_EXIT.harnessOrInputError : CHAOS_EXIT.unknown;
}
