/**
 * The control API contract, as types: what each route returns. The harness imports only this
 * file of the engine (types, no code), so another engine can be driven by implementing the
 * same routes. Routes are listed in docs/architecture.md.
 */
export type { VersionTag } from '../region/version-tag.js';
export type { EventId, JsonValue, RegionEvent } from '../region/region-event.js';
export type {
  SenderAlteration,
  SenderStatus,
  SenderState,
} from '../gateway/sender/gateway-sender.js';
export type { SenderCounters, SenderStatistics } from '../gateway/sender/sender-stats.js';
export type { QueueStats } from '../gateway/queue/event-queue.js';
export type { ReceiverStatus } from '../gateway/receiver/gateway-receiver.js';
export type { ReceiverCounters } from '../gateway/receiver/receiver-stats.js';
export type { AppliedEvent } from './applied-log.js';
export type { Receipt } from './receipt-log.js';
export type { LocatorView } from '../locator/locator-service.js';
export type { DiscoveryRecord } from '../locator/discovery-view.js';
export type { MembershipView, SiteMember } from '../locator/locator-protocol.js';
export type { ErrorBody } from './http-server.js';
export type { ConflictStatus } from '../conflict/conflict-checker.js';
export type { ConflictCounters } from '../conflict/conflict-stats.js';
export type { ClusterView } from './cluster-routes.js';
export type { DroppedEvent } from '../gateway/site/dropped-events.js';
export type { BucketsStatus } from '../region/site-region.js';

import type { VersionTag } from '../region/version-tag.js';
import type { EventId, JsonValue, Operation } from '../region/region-event.js';

export interface HealthBody {
  status: 'ok';
  role: 'member' | 'locator';
  name: string;
  uid?: string;
  site: string;
  distributedSystemId: number;
  engine: { name: string; version: string };
  controlApiVersion: number;
  pid: number;
  uptimeMs: number;
}

export interface EntryBody {
  key: string;
  value: JsonValue | undefined;
  version: VersionTag;
}

export interface WriteResult {
  key: string;
  op: Operation;
  version: VersionTag;
  eventId: EventId;
  /** Partitioned regions: the bucket of the key. */
  bucket?: number;
}

export interface EventsPage {
  events: import('./applied-log.js').AppliedEvent[];
  lastSeq: number;
  dropped: number;
}

export interface ClockBody {
  nowMs: number;
  offsetMs: number;
  /** Present while the clock is stopped at this instant. */
  fixedAtMs?: number;
}

export interface PutAllResult {
  results: WriteResult[];
}

export interface ReceiptsPage {
  receipts: import('./receipt-log.js').Receipt[];
  lastSeq: number;
  dropped: number;
}
