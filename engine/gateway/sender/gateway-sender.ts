import type { FilterStatus } from '../../../contract/control-api/senders.js';
import type { SenderTransportStatus } from '../../../contract/transport.js';
import type { SenderConfig } from '../../config/sender-schema.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { QueueStats } from '../queue/event-queue.js';
import type { FailureRecord } from './failure-log.js';
import type { SenderStatistics } from './sender-stats.js';

export type SenderState = 'stopped' | 'running' | 'paused';

/** One dispatcher lane: its physical queue and its connection (SEND-8). */
export interface DispatcherStatus {
  index: number;
  connected: boolean;
  receiver?: string;
  queueSize: number;
  /** Events of the batch sent and not yet acknowledged; 0 or one batch (PAUSE-4). */
  inFlightEvents: number;
  batchesDispatched: number;
  eventsDistributed: number;
}

/** The attributes a running sender uses (Geode's GatewaySenderMXBean configuration part). */
export type SenderAttributes = SenderConfig;

/** Attributes that may change while the sender runs (Geode 1.15 `alter gateway-sender`). */
export interface SenderAlteration {
  batchSize?: number;
  batchTimeIntervalMs?: number;
  alertThresholdMs?: number;
  groupTransactionEvents?: boolean;
}

export interface SenderStatus {
  id: string;
  remoteDistributedSystemId: number;
  parallel: boolean;
  state: SenderState;
  running: boolean;
  paused: boolean;
  /** Only a primary dispatches; a serial sender on one member is always primary. */
  primary: boolean;
  connected: boolean;
  /** The address the sender is connected to (a proxy when the harness routes the link). */
  receiver?: string;
  queue: QueueStats;
  stats: SenderStatistics;
  dispatchers: DispatcherStatus[];
  attributes: SenderAttributes;
  /** The latest events receivers reported as failed (BATCH-3), oldest first. */
  recentFailures: FailureRecord[];
  /** Parallel senders: buckets whose queues this member holds, as primary and as copy. */
  buckets?: { primary: number; copies: number };
  /** Events dropped because the sender was stopped (STOP-4); see /v1/senders/:id/dropped. */
  eventsDropped?: number;
  /** Its gateway event filters on this member (issue 15). */
  filters?: FilterStatus[];
  /** Its transport filters on this member: codec, bytes, last refusal (issue 15). */
  transport?: SenderTransportStatus;
}

/** Where a sender learns the current receivers of a remote site (DISC-5). */
export interface ReceiverDirectory {
  receiversFor(remoteDsid: number): Promise<string[]>;
}

export interface GatewaySender {
  readonly id: string;
  readonly remoteDsid: number;
  readonly parallel: boolean;
  isRunning(): boolean;
  start(): Promise<void>;
  /** STOP-1: acts on this member only; STOP-3: waits up to maximumShutdownWaitS first. */
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Validated like the configuration; throws WAN_ERR_CONFIG_INVALID. */
  alter(changes: SenderAlteration): void;
  /** Takes an event already routed to this sender (see gateway/routing.ts). */
  enqueue(event: RegionEvent): void;
  /** Counts an event the router decided not to send through this sender. */
  countNotQueued(): void;
  /** Resolves when every event enqueued so far would survive a kill (QUEUE-3). */
  durable(): Promise<void>;
  status(): SenderStatus;
  close(): Promise<void>;
}
