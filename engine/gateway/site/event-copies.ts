import { eventIdText, type RegionEvent } from '../../region/region-event.js';

/** Removals that came before their event are remembered this long (Geode's TOKEN_TIMEOUT). */
const TOKEN_TIMEOUT_MS = 120000;
const TOKENS_KEPT = 100000;

/**
 * Queued events in arrival order, addressable by event id: a secondary's copy of a queue
 * (HA-1, HA-3), and a parallel sender's queue of one bucket. Every copy of a queue receives
 * the same events, but from several members at once, so the order may differ between copies
 * while each member's own events stay in order; removals therefore go by id. A removal that
 * overtakes its event leaves a token that drops the event when it arrives.
 */
interface Slot {
  event: RegionEvent;
  /** Monotonic ms at which it arrived here: batches wait for time from the oldest. */
  atMs: number;
}

export class EventCopies {
  readonly #events = new Map<string, Slot>();
  readonly #tokens = new Map<string, number>();
  readonly #nowMs: () => number;

  constructor(nowMs: () => number) {
    this.#nowMs = nowMs;
  }

  get size(): number {
    return this.#events.size;
  }

  /** False when the event is already here, or was already removed. */
  add(event: RegionEvent): boolean {
    const id = eventIdText(event.id);
    if (this.#events.has(id)) return false;
    if (this.#tokens.delete(id)) return false;
    this.#events.set(id, { event, atMs: this.#nowMs() });
    return true;
  }

  /** When the oldest event arrived (monotonic ms); undefined when empty. */
  oldestAtMs(): number | undefined {
    return this.#events.values().next().value?.atMs;
  }

  has(id: string): boolean {
    return this.#events.has(id);
  }

  /** Removes by id; ids not (yet) here leave tokens. Returns how many were here. */
  remove(ids: readonly string[]): number {
    let removed = 0;
    for (const id of ids) {
      if (this.#events.delete(id)) removed++;
      else this.#token(id);
    }
    return removed;
  }

  /** The oldest `count` events, in order. */
  head(count: number): RegionEvent[] {
    const events: RegionEvent[] = [];
    for (const slot of this.#events.values()) {
      if (events.length >= count) break;
      events.push(slot.event);
    }
    return events;
  }

  /** Flags the oldest `count` events possibleDuplicate (all of them without a count). */
  markPossibleDuplicate(count = Infinity): void {
    let marked = 0;
    for (const slot of this.#events.values()) {
      if (marked++ >= count) break;
      if (!slot.event.possibleDuplicate) slot.event = { ...slot.event, possibleDuplicate: true };
    }
  }

  markIdPossibleDuplicate(id: string): void {
    const slot = this.#events.get(id);
    if (slot && !slot.event.possibleDuplicate) {
      slot.event = { ...slot.event, possibleDuplicate: true };
    }
  }

  all(): RegionEvent[] {
    return [...this.#events.values()].map((slot) => slot.event);
  }

  clear(): void {
    this.#events.clear();
  }

  #token(id: string): void {
    const nowMs = this.#nowMs();
    this.#tokens.set(id, nowMs);
    if (this.#tokens.size <= TOKENS_KEPT) return;
    for (const [token, atMs] of this.#tokens) {
      if (nowMs - atMs < TOKEN_TIMEOUT_MS && this.#tokens.size <= TOKENS_KEPT) break;
      this.#tokens.delete(token);
    }
  }
}
