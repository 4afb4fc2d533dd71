import type { Entry } from '../../region/region.js';
import type { RegionEvent } from '../../region/region-event.js';

/** What every event of one wan-copy shares. */
export interface CopyEventContext {
  region: string;
  /** The event-id member of this copy: a stream of its own, so no receiver takes it for a duplicate. */
  streamMember: string;
  originDsid: number;
  recipients: readonly number[];
  bucketOf: (key: string) => number | undefined;
  nowMs: number;
}

/**
 * GEODE-7: an existing entry as the update event a wan-copy sends. It keeps the entry's
 * version (timestamp, distributed-system-id, member), so the receiver's conflict check
 * (CONS-4) keeps a newer entry there; Geode's wan-copy sets the entry's version tag likewise.
 */
export function copyEvent(
  context: CopyEventContext,
  key: string,
  entry: Entry,
  seq: number,
): RegionEvent {
  const bucket = context.bucketOf(key);
  return {
    region: context.region,
    key,
    op: 'update',
    ...(entry.value !== undefined ? { value: entry.value } : {}),
    version: entry.version,
    id: { member: context.streamMember, thread: 0, seq },
    originDsid: context.originDsid,
    recipients: [...context.recipients],
    possibleDuplicate: false,
    ...(bucket !== undefined ? { bucket } : {}),
    createdAtMs: context.nowMs,
  };
}
