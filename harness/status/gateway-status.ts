import type { FailureRecord, ReceiverStatus, SenderStatus } from '../../contract/index.js';
import type { DeploymentInfo, ProcessInfo } from '../deployment/deployment-info.js';
import { messageOf } from '../errors.js';

/** The receiver's code for an event of a region the receiving site does not define. */
export const REGION_UNKNOWN_CODE = 'WAN_ERR_REGION_UNKNOWN';

/** One gateway sender as `wanlab status` shows it (gfsh `status gateway-sender`). */
export interface SenderSummary {
  id: string;
  remoteSiteId: number;
  parallel: boolean;
  state: SenderStatus['state'];
  running: boolean;
  paused: boolean;
  primary: boolean;
  connected: boolean;
  queue: { size: number; inMemory: number; onDisk: number };
  batches: { dispatched: number; acknowledged: number; redistributed: number };
  lastFailure: Pick<FailureRecord, 'atMs' | 'code' | 'message' | 'region' | 'key'> | null;
  /** Regions the remote site refused as not defined there (the topology's warning came true). */
  remoteRegionsMissing: string[];
}

/** One gateway receiver (gfsh `status gateway-receiver`). */
export interface ReceiverSummary {
  running: boolean;
  port: number | null;
  connectedSenders: string[];
  batchesReceived: number;
  eventsReceived: number;
  eventsApplied: number;
  exceptions: number;
}

export interface MemberGateways {
  site: string;
  siteId: number;
  member: string;
  controlUrl: string;
  /** False when the member did not answer (stopped, killed, frozen). */
  reachable: boolean;
  error?: string;
  senders: SenderSummary[];
  receiver: ReceiverSummary | null;
}

/** What `wanlab status --json` prints. */
export interface GatewayStatus {
  topology: string;
  engine: DeploymentInfo['engine'];
  runDir: string;
  pid: number;
  warnings: string[];
  members: MemberGateways[];
}

export function senderSummary(sender: SenderStatus): SenderSummary {
  const last = sender.recentFailures.at(-1);
  const missing = sender.recentFailures
    .filter((f) => f.code === REGION_UNKNOWN_CODE)
    .map((f) => f.region);
  return {
    id: sender.id,
    remoteSiteId: sender.remoteDistributedSystemId,
    parallel: sender.parallel,
    state: sender.state,
    running: sender.running,
    paused: sender.paused,
    primary: sender.primary,
    connected: sender.connected,
    queue: {
      size: sender.queue.size,
      inMemory: sender.queue.inMemory,
      onDisk: sender.queue.onDisk,
    },
    batches: {
      dispatched: sender.stats.batchesDispatched,
      acknowledged: sender.stats.batchesAcknowledged,
      redistributed: sender.stats.batchesRedistributed,
    },
    lastFailure: last
      ? {
          atMs: last.atMs,
          code: last.code,
          message: last.message,
          region: last.region,
          key: last.key,
        }
      : null,
    remoteRegionsMissing: [...new Set(missing)].sort(),
  };
}

export function receiverSummary(receiver: ReceiverStatus): ReceiverSummary {
  return {
    running: receiver.running,
    port: receiver.port ?? null,
    connectedSenders: [...receiver.connectedSenders],
    batchesReceived: receiver.stats.batchesReceived,
    eventsReceived: receiver.stats.eventsReceived,
    eventsApplied: receiver.stats.eventsApplied,
    exceptions: receiver.stats.exceptions,
  };
}

/** What a member's control API answers about its gateways; a fake in unit tests. */
export interface GatewaySource {
  senders(member: ProcessInfo): Promise<SenderStatus[]>;
  /** undefined: the member has no receiver. */
  receiver(member: ProcessInfo): Promise<ReceiverStatus | undefined>;
}

async function memberGateways(member: ProcessInfo, source: GatewaySource): Promise<MemberGateways> {
  const base = {
    site: member.site,
    siteId: member.siteId,
    member: member.name,
    controlUrl: member.controlUrl,
  };
  try {
    const [senders, receiver] = await Promise.all([
      source.senders(member),
      source.receiver(member),
    ]);
    return {
      ...base,
      reachable: true,
      senders: senders.map(senderSummary),
      receiver: receiver ? receiverSummary(receiver) : null,
    };
  } catch (error) {
    return { ...base, reachable: false, error: messageOf(error), senders: [], receiver: null };
  }
}

/** Asks every member of the deployment, at once, about its senders and receiver. */
export async function gatewayStatus(
  info: DeploymentInfo,
  source: GatewaySource,
): Promise<GatewayStatus> {
  const members = info.processes.filter((p) => p.role === 'member');
  return {
    topology: info.topology,
    engine: info.engine,
    runDir: info.runDir,
    pid: info.pid,
    warnings: info.warnings ?? [],
    members: await Promise.all(members.map((m) => memberGateways(m, source))),
  };
}
