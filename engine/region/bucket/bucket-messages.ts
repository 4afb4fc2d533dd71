import type { JsonValue, AppliedSource, RegionEvent } from '../region-event.js';
import type { Entry, OperationContext, RemoteApplyOutcome } from '../region.js';
import type { CopySnapshot, Stamp } from './bucket-copy.js';
import type { BucketTable } from './bucket-table.js';

/**
 * Peer requests between the members hosting a region (engine/cluster carries them). Every
 * body names its region; the member routes it to that region. Object types, not interfaces,
 * so that each is a PeerBody as it stands.
 */
export type RegionOperation =
  | { op: 'put'; key: string; value: JsonValue; context: OperationContext }
  | { op: 'destroy'; key: string; context: OperationContext }
  | { op: 'remote'; key: string; event: RegionEvent; fromDsid: number };

/** To the key's primary: apply this operation. */
export type OperationRequest = {
  t: 'region.op';
  region: string;
  operation: RegionOperation;
};

/** To the primary of every key: these operations, in this order (forward-batcher.ts). */
export type OperationsRequest = {
  t: 'region.ops';
  region: string;
  operations: RegionOperation[];
};

/** A received change's reply leaves out the event: the receiver needs only the outcome. */
export type OperationReply =
  | { kind: 'applied'; event?: RegionEvent }
  | { kind: 'none' }
  | Extract<RemoteApplyOutcome, { kind: 'discarded' }>;

/** From a bucket primary to the other copies and to the hosts of serial senders. */
export type ReplicaRequest = {
  t: 'region.replica';
  region: string;
  bucket: number;
  stamp: Stamp;
  /** As applied (and logged); the senders take it with `recipients` instead (DIST-1). */
  event: RegionEvent;
  recipients: number[];
  source: AppliedSource;
  senders: string[];
};

/** From a new copy to the primary. */
export type SnapshotRequest = {
  t: 'region.snapshot';
  region: string;
  bucket: number;
};

export type SnapshotReply = {
  copy: CopySnapshot;
  queues: Record<string, RegionEvent[]>;
};

/** Reads answered from the primary buckets of the member asked. */
export type ReadRequest =
  | { t: 'region.read'; region: string; op: 'get'; key: string }
  | { t: 'region.read'; region: string; op: 'sizes' }
  | { t: 'region.read'; region: string; op: 'entries' };

export type ReadReply =
  | { entry: Entry | null }
  | { sizes: Array<[number, number]> }
  | { entries: Array<[number, Array<[string, Entry]>]> };

/** From the coordinator: the table to follow. */
export type TableRequest = {
  t: 'region.table';
  region: string;
  table: BucketTable;
};

/** From the coordinator, before a plan: what do you hold? */
export type HeldRequest = {
  t: 'region.held';
  region: string;
};

export type HeldReply = {
  table: BucketTable | null;
  ready: number[];
  initializing: number[];
};

/** To the coordinator: something changed (a copy is ready); plan again. */
export type PokeMessage = {
  t: 'region.poke';
  region: string;
};

export type RegionPeerBody =
  | OperationRequest
  | OperationsRequest
  | ReplicaRequest
  | SnapshotRequest
  | ReadRequest
  | TableRequest
  | HeldRequest
  | PokeMessage;

export const REGION_PEER_TYPES = [
  'region.op',
  'region.ops',
  'region.replica',
  'region.snapshot',
  'region.read',
  'region.table',
  'region.held',
  'region.poke',
] as const;

/** A peer body for a region: its type is one of REGION_PEER_TYPES (the member routes by it). */
export function isRegionPeerBody(body: { t: string }): body is RegionPeerBody {
  return (REGION_PEER_TYPES as readonly string[]).includes(body.t);
}
