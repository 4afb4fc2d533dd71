import { join, relative } from 'node:path';
import { projectRoot } from '../util/project-root.js';
import { RUN_FOLDERS, pruneState, sizeOf } from '../util/run-retention.js';

/** `wanlab clean [--keep N]`: removes the run folders of `.wanlab/` beyond the newest N. */
export function runClean(keep: number, stateDir = join(projectRoot(), '.wanlab')): number {
  const before = RUN_FOLDERS.reduce((total, folder) => total + sizeOf(join(stateDir, folder)), 0);
  const removed = pruneState(stateDir, { keep });
  const after = RUN_FOLDERS.reduce((total, folder) => total + sizeOf(join(stateDir, folder)), 0);
  const freedMb = ((before - after) / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `wanlab: removed ${removed.length} run folder${removed.length === 1 ? '' : 's'} of ${relative(process.cwd(), stateDir) || '.'} (${freedMb} MB), kept the newest ${keep} of each of ${RUN_FOLDERS.join(', ')} and every run still going\n`,
  );
  return 0;
}
