import type { HeldRequest, PokeMessage, TableRequest } from '../bucket/bucket-messages.js';
import type { AppliedSource, RegionEvent } from '../region-event.js';
import type { Entry } from '../region.js';

/**
 * Peer requests between the members hosting a normal or preloaded region. The queue-bucket
 * table travels in the bucket messages (`region.table`, `region.held`, `region.poke`).
 */

/**
 * From the member that applied a change to every other host and to the hosts of the serial
 * senders it was routed to: hosts holding the key take it; every member queues it in its
 * instances of `senders` (a parallel sender only where it holds the key's queue bucket).
 */
export interface NormalChange {
  t: 'region.change';
  region: string;
  /** The key's queue bucket. */
  bucket: number;
  /** As applied (and logged); the senders take it with `recipients` instead (DIST-1). */
  event: RegionEvent;
  recipients: number[];
  source: AppliedSource;
  senders: string[];
}

/** A get that missed locally asks the other hosts (Geode's net search). */
export interface SearchRequest {
  t: 'region.search';
  region: string;
  key: string;
}

export interface SearchReply {
  entry: Entry | null;
}

/** A preloaded region's initial image, asked of an older host. */
export interface ImageRequest {
  t: 'region.image';
  region: string;
}

export interface ImageReply {
  entries: Array<[string, Entry]>;
}

/** A new holder of a queue bucket asks its primary for what the bucket's queues hold. */
export interface QueuesRequest {
  t: 'region.queues';
  region: string;
  bucket: number;
}

export interface QueuesReply {
  queues: Record<string, RegionEvent[]>;
}

export type NormalPeerBody =
  | NormalChange
  | SearchRequest
  | ImageRequest
  | QueuesRequest
  | TableRequest
  | HeldRequest
  | PokeMessage;

export const NORMAL_PEER_TYPES = [
  'region.change',
  'region.search',
  'region.image',
  'region.queues',
  'region.table',
  'region.held',
  'region.poke',
] as const;
