import { availableParallelism } from 'node:os';
import { HarnessError } from '../errors.js';
import type { SchedulePlan } from './schedule-plan.js';

/** Below this many scenarios per worker, another worker's deployment start does not pay. */
export const MIN_SCENARIOS_PER_WORKER = 8;

/**
 * Most workers a run uses: WANLAB_PARALLEL, else one per core (at least 2). More workers than
 * cores was slower on a shared 2-core machine: every worker's deployments start engine
 * processes that compete for the same cores.
 */
export function maxWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.WANLAB_PARALLEL;
  if (value === undefined || value === '') return Math.max(2, availableParallelism());
  const workers = Number(value);
  if (Number.isInteger(workers) && workers >= 1) return workers;
  throw new HarnessError(
    'WANLAB_USAGE',
    `WANLAB_PARALLEL must be a whole number of at least 1, not "${value}"`,
    'unset it to use one worker per core',
  );
}

/**
 * How many cucumber workers a run gets: enough scenarios for each to repay starting its own
 * deployments, never more than `limit`; 1 means no parallel workers at all.
 */
export function workerCount(plan: SchedulePlan, scenarioCount: number, limit: number): number {
  const withDeployment = Object.values(plan.scenariosPerTopology).reduce((a, b) => a + b, 0);
  const withoutDeployment = scenarioCount - withDeployment;
  const byWork = Math.floor((withDeployment + withoutDeployment / 4) / MIN_SCENARIOS_PER_WORKER);
  return Math.max(1, Math.min(limit, byWork));
}
