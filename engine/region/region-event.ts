import type {
  EventId,
  Operation,
  TransactionMark,
  VersionTag,
} from '../../contract/control-api/common.js';
import type { JsonValue } from '../../contract/json.js';

/** The shapes an event is made of are the contract's (contract/control-api/common.ts). */
export type { EventId, Operation, TransactionMark } from '../../contract/control-api/common.js';
export type { JsonValue } from '../../contract/json.js';

/** One applied change, as regions report it and as gateway senders queue and ship it. */
export interface RegionEvent {
  region: string;
  key: string;
  op: Operation;
  value?: JsonValue;
  version: VersionTag;
  id: EventId;
  /** DIST-1: the site where the change was made. */
  originDsid: number;
  /** DIST-1: the sites this event was (or is being) sent to. */
  recipients: number[];
  possibleDuplicate: boolean;
  tx?: TransactionMark;
  bucket?: number;
  /**
   * The receiving dispatcher lane of every gateway hop so far, oldest first. A forwarding
   * site applies the streams of each incoming lane in order but interleaves lanes, so one
   * origin thread's sequence numbers stay increasing only per lane path; receivers deduplicate
   * per path (Geode rewrites the thread id per dispatcher for the same reason).
   */
  lanes?: number[];
  /** Local wall-clock ms at which the origin site applied the change; for lag measurement. */
  createdAtMs: number;
}

/** Where an applied event came from: a local write or a gateway receiver. */
export interface AppliedSource {
  kind: 'local' | 'remote';
  fromDsid?: number;
  /** On a copy: the member of this site that applied the change first (the bucket primary). */
  viaMember?: string;
}

export function eventIdText(id: EventId): string {
  return `${id.member}/${id.thread}/${id.seq}`;
}

/**
 * The event with `bucket` as its bucket (none when undefined). Events are never changed once
 * made, so one that already is so is returned as it is: no copy per event (issue 19).
 */
export function withBucket(event: RegionEvent, bucket: number | undefined): RegionEvent {
  if (bucket !== undefined) return event.bucket === bucket ? event : { ...event, bucket };
  if (!('bucket' in event)) return event;
  const { bucket: _ignored, ...withoutBucket } = event;
  return withoutBucket;
}
