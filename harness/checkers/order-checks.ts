import type { AppliedEvent, JsonValue } from '../../contract/index.js';

export interface OrderViolation {
  /** The key, or the client thread, whose order broke. */
  stream: string;
  expected: string;
  observed: string;
}

/**
 * SEND-4 under order policy `key`: for every key, the values the site applied, in its log
 * order, are exactly `expectedValues(key)` in order: none missing, none swapped.
 */
export function checkPerKeyOrder(
  keys: readonly string[],
  applied: readonly AppliedEvent[],
  expectedValues: (key: string) => readonly JsonValue[],
): OrderViolation[] {
  const observed = new Map<string, JsonValue[]>();
  for (const { event } of applied) {
    const values = observed.get(event.key);
    if (values) values.push(event.value ?? null);
    else observed.set(event.key, [event.value ?? null]);
  }
  const violations: OrderViolation[] = [];
  for (const key of keys) {
    const expected = JSON.stringify(expectedValues(key));
    const seen = JSON.stringify(observed.get(key) ?? []);
    if (expected !== seen) violations.push({ stream: key, expected, observed: seen });
  }
  return violations;
}

/**
 * SEND-4 under order policy `thread`: the events of each originating client thread (member
 * and thread of the event id) were applied in the order the thread made them, i.e. with
 * increasing sequence numbers.
 */
export function checkPerThreadOrder(applied: readonly AppliedEvent[]): OrderViolation[] {
  const last = new Map<string, number>();
  const violations: OrderViolation[] = [];
  for (const { event } of applied) {
    const stream = `${event.id.member}/${event.id.thread}`;
    const previous = last.get(stream);
    if (previous !== undefined && event.id.seq <= previous) {
      violations.push({
        stream,
        expected: `a sequence above ${previous}`,
        observed: `${event.id.seq} (key ${event.key})`,
      });
    }
    last.set(stream, Math.max(previous ?? -1, event.id.seq));
  }
  return violations;
}

/** The keys of `applied`, in log order, against the order they were written in. */
export function checkWriteOrder(
  writtenKeys: readonly string[],
  applied: readonly AppliedEvent[],
): OrderViolation[] {
  const observed = applied.map((a) => a.event.key);
  const firstMismatch = writtenKeys.findIndex((key, i) => observed[i] !== key);
  if (firstMismatch < 0 && observed.length === writtenKeys.length) return [];
  const at = firstMismatch < 0 ? writtenKeys.length : firstMismatch;
  return [
    {
      stream: 'writes',
      expected: `${writtenKeys.length} keys in write order; at ${at}: ${writtenKeys[at] ?? '(end)'}`,
      observed: `${observed.length} keys; at ${at}: ${observed[at] ?? '(end)'}`,
    },
  ];
}
