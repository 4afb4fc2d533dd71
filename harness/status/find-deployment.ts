import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEPLOYMENT_FILE, type DeploymentInfo } from '../deployment/deployment-info.js';
import { HarnessError } from '../errors.js';
import { pidIsRunning, RUN_NAME } from '../util/run-retention.js';

export interface FoundDeployment {
  info: DeploymentInfo;
  /** Other deployments still running, newest first (status shows the newest). */
  others: DeploymentInfo[];
}

/**
 * The deployment `wanlab status` looks at: the given run folder's, else the newest run folder
 * of `.wanlab/runs/` whose `wanlab up` (its pid, in deployment.json) is still alive.
 */
export function findDeployment(
  stateDir: string,
  runFolder?: string,
  isRunning: (pid: number) => boolean = pidIsRunning,
): FoundDeployment {
  if (runFolder !== undefined) return { info: readRecorded(runFolder, isRunning), others: [] };
  const runs = join(stateDir, 'runs');
  const running = listRuns(runs)
    .map((name) => readIfRecorded(join(runs, name)))
    .filter((info): info is DeploymentInfo => info !== undefined && isRunning(info.pid));
  const [newest, ...others] = running;
  if (!newest) {
    throw new HarnessError(
      'WANLAB_NOT_RUNNING',
      `no running deployment in ${relative(process.cwd(), runs) || runs}`,
      'start one with `wanlab up <topology.yaml>`, or name its run folder: wanlab status <run-folder>',
      { exitCode: 1 },
    );
  }
  return { info: newest, others };
}

function listRuns(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => RUN_NAME.test(name))
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

function readIfRecorded(runDir: string): DeploymentInfo | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir, DEPLOYMENT_FILE), 'utf8')) as DeploymentInfo;
  } catch {
    return undefined;
  }
}

function readRecorded(runDir: string, isRunning: (pid: number) => boolean): DeploymentInfo {
  const info = readIfRecorded(runDir);
  if (!info) {
    throw new HarnessError(
      'WANLAB_NOT_RUNNING',
      `${runDir} has no readable ${DEPLOYMENT_FILE}`,
      'name the run folder of a `wanlab up` (.wanlab/runs/<time>-<topology>-<pid>/)',
    );
  }
  if (!isRunning(info.pid)) {
    throw new HarnessError(
      'WANLAB_NOT_RUNNING',
      `the wanlab up of ${runDir} (pid ${info.pid}) is not running any more`,
      'start it again with `wanlab up <topology.yaml>`',
      { exitCode: 1 },
    );
  }
  return info;
}
