import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';

/**
 * `.wanlab/` keeps the newest run folders only (issue 18: 2-5 MB per chaos run, never
 * removed). Each folder of runs (`.wanlab/runs/`, `.wanlab/chaos/`) keeps its newest
 * `keep` runs; a new run prunes the rest, and `wanlab clean` does on demand. A run whose
 * harness is still alive (`-<pid>` at the end of its name) is never removed.
 */
export const DEFAULT_KEEP_RUNS = 20;
export const KEEP_RUNS_ENV = 'WANLAB_KEEP_RUNS';
export const RUN_FOLDERS = ['runs', 'chaos'] as const;

/** A run folder's name starts with its start time: `2026-12-07T12-54-29-673Z-...`. */
export const RUN_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-/;

/** --keep, else $WANLAB_KEEP_RUNS, else 20; a whole number of runs, 0 or more. */
export function keepRunsFrom(option: string | undefined, env = process.env): number {
  const [text, source] =
    option !== undefined ? [option, '--keep'] : [env[KEEP_RUNS_ENV], KEEP_RUNS_ENV];
  if (text === undefined || text === '') return DEFAULT_KEEP_RUNS;
  if (!/^[0-9]{1,6}$/.test(text))
    throw new HarnessError(
      'WANLAB_USAGE',
      `${source} must be a whole number of runs to keep, not "${text}"`,
      `e.g. ${source === '--keep' ? '--keep 20' : `${KEEP_RUNS_ENV}=20`}; 0 keeps none`,
    );
  return Number(text);
}

export interface PruneOptions {
  keep: number;
  /** Whether the harness of that pid still runs; default: a signal-0 probe. */
  isRunning?: (pid: number) => boolean;
  /** A run folder never removed (the one just created). */
  except?: string;
}

/** Removes the run folders of `dir` beyond the newest `keep`; answers the removed paths. */
export function pruneRunFolder(dir: string, options: PruneOptions): string[] {
  const isRunning = options.isRunning ?? pidIsRunning;
  const runs = listDir(dir)
    .filter((name) => RUN_NAME.test(name))
    .sort()
    .reverse();
  const removed: string[] = [];
  for (const name of runs.slice(options.keep)) {
    const pid = /-(\d+)$/.exec(name)?.[1];
    if (pid !== undefined && isRunning(Number(pid))) continue;
    if (options.except !== undefined && join(dir, name) === options.except) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

/** Every folder of runs of a state directory (`.wanlab/`), pruned. */
export function pruneState(stateDir: string, options: PruneOptions): string[] {
  return RUN_FOLDERS.flatMap((folder) => pruneRunFolder(join(stateDir, folder), options));
}

/** Bytes under a path (for `wanlab clean` to say what it freed). */
export function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return listDir(path).reduce((total, name) => total + sizeOf(join(path, name)), 0);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether a process of that pid is alive (a signal-0 probe). */
export function pidIsRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
