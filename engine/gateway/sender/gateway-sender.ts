import type { RegionEvent } from '../../region/region-event.js';
import type { QueueStats } from '../queue/event-queue.js';
import type { SenderCounters } from './sender-stats.js';

export type SenderState = 'stopped' | 'running' | 'paused';

export interface SenderStatus {
  id: string;
  remoteDistributedSystemId: number;
  parallel: boolean;
  state: SenderState;
  running: boolean;
  paused: boolean;
  primary: boolean;
  connected: boolean;
  /** The address the sender is connected to (a proxy when the harness routes the link). */
  receiver?: string;
  queue: QueueStats;
  stats: SenderCounters;
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
  stop(): Promise<void>;
  pause(): void;
  resume(): void;
  /** Takes an event already routed to this sender (see gateway/routing.ts). */
  enqueue(event: RegionEvent): void;
  /** Counts an event the router decided not to send through this sender. */
  countNotQueued(): void;
  status(): SenderStatus;
  close(): Promise<void>;
}
