import { copyFileSync, writeFileSync } from 'node:fs';
import { Deployment } from '../deployment/deployment.js';
import type { Experiment } from '../experiment/model.js';
import { HistoryWriter } from '../history/history-file.js';
import { planSchedule } from '../nemesis/plan-schedule.js';
import type { PlannedFault } from '../nemesis/planned-fault.js';
import { preflight } from '../nemesis/preflight.js';
import { Rng } from '../util/rng.js';
import { deriveSeed } from '../util/seed.js';
import { analyzeRunFolder, type Analysis } from './analyze.js';
import { ChaosRun } from './chaos-run.js';
import type { Progress } from './progress.js';
import { runHeader } from './run-header.js';
import { copyLogs, newRunFolder, writeJson, type RunFolder } from './run-folder.js';

export interface ChaosRunOptions {
  seed: number;
  /** Overrides the experiment's time limit. */
  timeLimitMs?: number;
  /** Where run folders go; default .wanlab/chaos/. */
  outDir?: string;
  /** Run on this deployment (already running, of the experiment's topology) instead of starting one. */
  deployment?: Deployment;
  onProgress?: (progress: Progress) => void;
  progressEveryMs?: number;
}

/** The schedule a seed gives an experiment: what `--plan` prints and what a run plays. */
export function scheduleOf(
  experiment: Experiment,
  seed: number,
  timeLimitMs = experiment.timeLimitMs,
): PlannedFault[] {
  return planSchedule(
    experiment.nemesis,
    experiment.topology,
    timeLimitMs,
    new Rng(deriveSeed(seed, 'nemesis')),
  );
}

/**
 * Runs an experiment: start (or reuse) the topology, record a history while the workload
 * writes and the nemesis plays its schedule, heal everything, wait for the queues to drain,
 * read the final state, then judge the history exactly as `wanlab analyze` would.
 */
export async function runExperiment(
  experiment: Experiment,
  options: ChaosRunOptions,
): Promise<Analysis> {
  const timeLimitMs = options.timeLimitMs ?? experiment.timeLimitMs;
  const schedule = scheduleOf(experiment, options.seed, timeLimitMs);
  const folder = newRunFolder(experiment.name, options.seed, options.outDir);
  writeInputs(folder, experiment, options.seed, schedule);
  const owned = !options.deployment;
  const deployment =
    options.deployment ??
    (await Deployment.start(experiment.topology, { seed: deriveSeed(options.seed, 'deployment') }));
  try {
    const notApplicable = preflight(
      schedule,
      experiment.checkers.map((c) => c.name),
      deployment,
    );
    const history = new HistoryWriter(folder.history);
    try {
      history.append({
        ...runHeader(experiment, options.seed, timeLimitMs, schedule),
        ...(notApplicable.length > 0 ? { notApplicable } : {}),
      });
      await new ChaosRun(experiment, deployment, history, schedule, timeLimitMs, options).play();
      history.append({ type: 'end' });
    } finally {
      history.close();
    }
  } finally {
    if (owned) await deployment.stop();
    copyLogs(deployment.runDir, folder.logs);
  }
  return analyzeRunFolder(folder.dir);
}

function writeInputs(
  folder: RunFolder,
  experiment: Experiment,
  seed: number,
  schedule: PlannedFault[],
): void {
  writeFileSync(folder.experiment, experiment.text);
  copyFileSync(experiment.topology.source, folder.topology);
  writeFileSync(folder.seed, `${seed}\n`);
  writeJson(folder.schedule, schedule);
}
