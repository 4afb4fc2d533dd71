import type { JsonValue, RegionEvent } from '../../region/region-event.js';

/**
 * Estimated in-memory bytes of a queued event, the measure of maximumQueueMemoryMb. Like
 * Geode's sizer it is an estimate: object headers at a flat rate, strings at two bytes a
 * character. It is deterministic, so an event reloaded from disk weighs what it weighed.
 */
const EVENT_OVERHEAD_BYTES = 320;
const FIELD_OVERHEAD_BYTES = 16;

export function estimateEventBytes(event: RegionEvent): number {
  return (
    EVENT_OVERHEAD_BYTES +
    2 * (event.region.length + event.key.length + event.id.member.length) +
    2 * event.version.member.length +
    8 * event.recipients.length +
    (event.tx ? FIELD_OVERHEAD_BYTES + 2 * event.tx.id.length : 0) +
    (event.value === undefined ? 0 : estimateValueBytes(event.value))
  );
}

export function estimateValueBytes(value: JsonValue): number {
  if (typeof value === 'string') return FIELD_OVERHEAD_BYTES + 2 * value.length;
  if (value === null || typeof value !== 'object') return FIELD_OVERHEAD_BYTES;
  if (Array.isArray(value)) {
    let bytes = FIELD_OVERHEAD_BYTES;
    for (const item of value) bytes += estimateValueBytes(item);
    return bytes;
  }
  let bytes = FIELD_OVERHEAD_BYTES;
  for (const [key, item] of Object.entries(value)) {
    bytes += FIELD_OVERHEAD_BYTES + 2 * key.length + estimateValueBytes(item);
  }
  return bytes;
}
