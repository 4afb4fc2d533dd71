import { relative } from 'node:path';
import { analyzeRunFolder } from '../chaos/analyze.js';
import { exitCodeOf } from './exit-codes.js';
import { verdictTable } from './verdict-table.js';

/** `wanlab analyze <run-folder>`: judges a stored history again and rewrites its reports. */
export function runAnalyze(dir: string): number {
  const analysis = analyzeRunFolder(dir);
  const run = analysis.history.run;
  process.stdout.write(
    `${run.experiment} on ${run.topology}, seed ${run.seed}\n${verdictTable(analysis.verdict)}\n`,
  );
  process.stdout.write(
    `reports: ${relative(process.cwd(), analysis.folder.reportHtml)}, ${relative(process.cwd(), analysis.folder.reportJson)}\n`,
  );
  return exitCodeOf(analysis.verdict);
}
