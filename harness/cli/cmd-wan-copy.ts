import { join } from 'node:path';
import type { WanCopyStatus } from '../../contract/index.js';
import { ControlApiError } from '../client/control-client.js';
import { MemberClient } from '../client/member-client.js';
import type { DeploymentInfo, ProcessInfo } from '../deployment/deployment-info.js';
import { HarnessError } from '../errors.js';
import { findDeployment } from '../status/find-deployment.js';
import { projectRoot } from '../util/project-root.js';
import { readControlToken } from './cmd-status.js';
import { wanCopyExitCode, wanCopyLine } from './wan-copy-text.js';

export interface WanCopyOptions {
  /** A run folder of `wanlab up`; default: the newest one still running. */
  runFolder?: string;
  region: string;
  sender: string;
  /** The site (name or distributed-system-id) whose first member copies; or `member`. */
  site?: string;
  member?: string;
  maxRatePerSecond: number;
  batchSize?: number;
  json: boolean;
}

const POLL_INTERVAL_MS = 500;

/**
 * `wanlab wan-copy`: copies a region's existing entries to a sender's remote site on a running
 * deployment (Geode's gfsh `wan-copy region`), printing its progress until it ends. Ctrl-C
 * cancels the copy. Exit 0 when every entry was copied; 1 when it failed or was cancelled; 2
 * when the request is refused (unknown region or sender, stopped sender, ...).
 */
export async function runWanCopy(options: WanCopyOptions): Promise<number> {
  const { info } = findDeployment(join(projectRoot(), '.wanlab'), options.runFolder);
  const member = chooseMember(info, options);
  const client = new MemberClient(member.controlUrl, readControlToken(info.controlTokenFile));
  const started = await refusedAsUsage(() =>
    client.wanCopy(options.region, {
      senderId: options.sender,
      maxRatePerSecond: options.maxRatePerSecond,
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    }),
  );
  const cancel = (): void => void client.cancelWanCopy(started.id).catch(() => undefined);
  process.once('SIGINT', cancel);
  try {
    const final = await follow(client, started, options.json);
    if (options.json) process.stdout.write(`${JSON.stringify(final)}\n`);
    return wanCopyExitCode(final);
  } finally {
    process.off('SIGINT', cancel);
  }
}

async function follow(
  client: MemberClient,
  started: WanCopyStatus,
  quiet: boolean,
): Promise<WanCopyStatus> {
  let status = started;
  let last = '';
  for (;;) {
    const line = wanCopyLine(status);
    if (!quiet && line !== last) process.stdout.write(`${line}\n`);
    last = line;
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    status = await client.wanCopyStatus(started.id);
  }
}

function chooseMember(info: DeploymentInfo, options: WanCopyOptions): ProcessInfo {
  const members = info.processes.filter((p) => p.role === 'member');
  const found = options.member
    ? members.find((m) => m.name === options.member)
    : members.find((m) => m.site === options.site || String(m.siteId) === options.site);
  if (found) return found;
  const sites = [...new Set(members.map((m) => `${m.site} (${m.siteId})`))].join(', ');
  throw new HarnessError(
    'WANLAB_UNKNOWN_TARGET',
    options.member
      ? `no member "${options.member}" in the deployment of ${info.topology}`
      : `no site "${options.site ?? ''}" in the deployment of ${info.topology}`,
    `sites: ${sites}; members: ${members.map((m) => m.name).join(', ')}`,
    { exitCode: 2 },
  );
}

/** The engine's refusal (4xx) is the user's to fix: its code and hint, exit 2. */
async function refusedAsUsage<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof ControlApiError && error.status < 500 && error.body) {
      throw new HarnessError(
        'WANLAB_CONTROL_API',
        `wan-copy refused: ${error.body.code}: ${error.body.message}`,
        error.body.hint,
        { exitCode: 2 },
      );
    }
    throw error;
  }
}
