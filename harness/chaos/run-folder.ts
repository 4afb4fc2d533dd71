import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../util/project-root.js';
import { keepRunsFrom, pruneRunFolder } from '../util/run-retention.js';

/** The files of one chaos run, all in one folder. */
export interface RunFolder {
  dir: string;
  history: string;
  experiment: string;
  topology: string;
  seed: string;
  schedule: string;
  verdicts: string;
  reportHtml: string;
  reportJson: string;
  logs: string;
}

export function runFolder(dir: string): RunFolder {
  return {
    dir,
    history: join(dir, 'history.ndjson'),
    experiment: join(dir, 'experiment.yaml'),
    topology: join(dir, 'topology.yaml'),
    seed: join(dir, 'seed'),
    schedule: join(dir, 'schedule.json'),
    verdicts: join(dir, 'verdicts.json'),
    reportHtml: join(dir, 'report.html'),
    reportJson: join(dir, 'report.json'),
    logs: join(dir, 'logs'),
  };
}

/** `.wanlab/chaos/<time>-<experiment>-seed<N>/`, created; older runs beyond WANLAB_KEEP_RUNS go. */
export function newRunFolder(experiment: string, seed: number, parent?: string): RunFolder {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const chaosDir = parent ?? join(projectRoot(), '.wanlab', 'chaos');
  const dir = join(chaosDir, `${stamp}-${experiment}-seed${seed}`);
  mkdirSync(dir, { recursive: true });
  // Only .wanlab/chaos keeps the newest runs; a folder given with --out is the user's.
  if (parent === undefined)
    pruneRunFolder(chaosDir, { keep: keepRunsFrom(undefined), except: dir });
  return runFolder(dir);
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Copies the members' and locators' log files of a deployment run folder. */
export function copyLogs(fromRunDir: string, toDir: string): void {
  const source = join(fromRunDir, 'logs');
  if (!existsSync(source)) return;
  mkdirSync(toDir, { recursive: true });
  for (const name of readdirSync(source)) copyFileSync(join(source, name), join(toDir, name));
}
