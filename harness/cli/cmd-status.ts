import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MemberClient } from '../client/member-client.js';
import type { DeploymentInfo, ProcessInfo } from '../deployment/deployment-info.js';
import { HarnessError, messageOf } from '../errors.js';
import { findDeployment } from '../status/find-deployment.js';
import { gatewayStatus, type GatewaySource } from '../status/gateway-status.js';
import { statusText } from '../status/status-text.js';
import { projectRoot } from '../util/project-root.js';

export interface StatusOptions {
  /** A run folder of `wanlab up`; default: the newest one still running. */
  runFolder?: string;
  json: boolean;
}

/** The members' control APIs, through the harness's client, with the deployment's token. */
function controlApis(info: DeploymentInfo): GatewaySource {
  const token = readControlToken(info.controlTokenFile);
  return {
    senders: (member: ProcessInfo) => new MemberClient(member.controlUrl, token).senders(),
    receiver: (member: ProcessInfo) => new MemberClient(member.controlUrl, token).receiverIfAny(),
  };
}

export function readControlToken(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new HarnessError(
      'WANLAB_NOT_RUNNING',
      `cannot read the deployment's control token ${file}: ${messageOf(error)}`,
      'run wanlab status as the user that ran wanlab up, on a deployment of this version',
    );
  }
}

/**
 * `wanlab status [run-folder] [--json]`: every member's gateway senders and receiver of a
 * running deployment, as gfsh `list gateways` shows them. Exit 0 when every member answered,
 * 1 when one did not (or nothing is running).
 */
export async function runStatus(options: StatusOptions): Promise<number> {
  const found = findDeployment(join(projectRoot(), '.wanlab'), options.runFolder);
  const status = await gatewayStatus(found.info, controlApis(found.info));
  if (options.json) process.stdout.write(`${JSON.stringify(status)}\n`);
  else process.stdout.write(`${statusText(status)}\n`);
  if (found.others.length > 0) {
    process.stderr.write(
      `wanlab status: ${found.others.length} other deployment(s) running: ${found.others.map((o) => relative(process.cwd(), o.runDir)).join(', ')} (name one: wanlab status <run-folder>)\n`,
    );
  }
  return status.members.every((m) => m.reachable) ? 0 : 1;
}
