import type { AppliedEvent } from '../../contract/index.js';

export interface DeliveryVerdict {
  /** Expected keys never applied. */
  lost: string[];
  /** Keys applied more than once where a later application was not flagged possibleDuplicate. */
  unflaggedRepeats: string[];
  /** Keys applied more than once (flagged or not). */
  repeated: string[];
  /** Applied keys that were not expected. */
  unexpected: string[];
}

/**
 * BATCH-2: at-least-once delivery. Every expected key reached the site, and an event applied
 * again was flagged possibleDuplicate by its sender (so the receiver could tell). The applied
 * events are those of one region since a point in the site's log, in log order.
 */
export function checkDelivery(
  expectedKeys: readonly string[],
  applied: readonly AppliedEvent[],
): DeliveryVerdict {
  const expected = new Set(expectedKeys);
  const byEventId = new Map<string, AppliedEvent[]>();
  const seenKeys = new Set<string>();
  const unexpected = new Set<string>();
  for (const entry of applied) {
    const { key, id } = entry.event;
    if (!expected.has(key)) {
      unexpected.add(key);
      continue;
    }
    seenKeys.add(key);
    const eventId = `${id.member}/${id.thread}/${id.seq}`;
    byEventId.set(eventId, [...(byEventId.get(eventId) ?? []), entry]);
  }
  const repeated = new Set<string>();
  const unflagged = new Set<string>();
  for (const applications of byEventId.values()) {
    if (applications.length < 2) continue;
    const key = applications[0]!.event.key;
    repeated.add(key);
    if (applications.slice(1).some((a) => !a.event.possibleDuplicate)) unflagged.add(key);
  }
  return {
    lost: expectedKeys.filter((key) => !seenKeys.has(key)),
    unflaggedRepeats: [...unflagged],
    repeated: [...repeated],
    unexpected: [...unexpected],
  };
}
