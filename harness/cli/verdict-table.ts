import type { RunVerdict } from '../checkers/run-checkers.js';
import { table } from './output.js';

/** The verdict table `wanlab chaos` and `wanlab analyze` print. */
export function verdictTable(verdict: RunVerdict): string {
  const rows = verdict.results.map((r) => [r.checker, r.verdict.toUpperCase(), r.summary]);
  const lines = [table(['CHECKER', 'VERDICT', 'WHY'], rows)];
  for (const error of verdict.harnessErrors) lines.push(`harness error: ${error}`);
  lines.push(`verdict: ${verdict.verdict.toUpperCase()}`);
  return lines.join('\n');
}
