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
  if (bucket !== undefined)
    return event.bucket === bucket ? event : changedEvent(event, { bucket });
  if (!('bucket' in event)) return event;
  return changedEvent(event, {}, 'bucket');
}

const OPTIONAL_FIELDS = ['value', 'tx', 'bucket', 'lanes'] as const;
type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/**
 * The event with `changes` applied (and `without` left out), as `{ ...event, ...changes }`
 * would make it, but built field by field in one order. A spread of an event msgpackr decoded
 * gives every copy a hidden class of its own once msgpackr compiles its reader for the shape:
 * about 350 bytes more per received event, and a slower copy (issue 19). Fields the type does
 * not know are not copied.
 */
export function changedEvent(
  event: RegionEvent,
  changes: Partial<RegionEvent>,
  without?: OptionalField,
): RegionEvent {
  const copy: RegionEvent = {
    region: changes.region ?? event.region,
    key: changes.key ?? event.key,
    op: changes.op ?? event.op,
    version: changes.version ?? event.version,
    id: changes.id ?? event.id,
    originDsid: changes.originDsid ?? event.originDsid,
    recipients: changes.recipients ?? event.recipients,
    possibleDuplicate: changes.possibleDuplicate ?? event.possibleDuplicate,
    createdAtMs: changes.createdAtMs ?? event.createdAtMs,
  };
  for (const field of OPTIONAL_FIELDS) {
    if (field === without) continue;
    if (field in changes) setField(copy, field, changes[field]);
    else if (field in event) setField(copy, field, event[field]);
  }
  return copy;
}

function setField<F extends OptionalField>(event: RegionEvent, field: F, value: RegionEvent[F]) {
  event[field] = value;
}
