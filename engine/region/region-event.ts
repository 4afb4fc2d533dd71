import type { VersionTag } from './version-tag.js';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type Operation = 'create' | 'update' | 'destroy';

/**
 * Identifies one change wherever it travels; receivers drop an event whose sequence they
 * already applied for the same (member, thread) stream.
 */
export interface EventId {
  member: string;
  thread: number;
  seq: number;
}

export interface TransactionMark {
  id: string;
  last: boolean;
}

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
