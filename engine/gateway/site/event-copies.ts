import { eventIdText, type RegionEvent } from '../../region/region-event.js';
import type { DiskStore } from '../queue/disk-store.js';

/** Removals that came before their event are remembered this long (Geode's TOKEN_TIMEOUT). */
const TOKEN_TIMEOUT_MS = 120000;
const TOKENS_KEPT = 100000;

/**
 * Queued events in arrival order, addressable by event id: a secondary's copy of a queue
 * (HA-1, HA-3), and a parallel sender's queue of one bucket. Every copy of a queue receives
 * the same events, but from several members at once, so the order may differ between copies
 * while each member's own events stay in order; removals therefore go by id. A removal that
 * overtakes its event leaves a token that drops the event when it arrives.
 *
 * With a store (a persistent sender), every copy writes through to disk, keyed by arrival
 * order, and `recover` reads back what an earlier process left, flagged possibleDuplicate:
 * every member's copy survives its process, so whichever member becomes primary first after
 * a restart holds the queue (QUEUE-3, HA-3).
 */
interface Slot {
  event: RegionEvent;
  /** Monotonic ms at which it arrived here: batches wait for time from the oldest. */
  atMs: number;
  /** Arrival position: the key of the event in the store. */
  seq: number;
}

const RECOVER_CHUNK_EVENTS = 1024;

export class EventCopies {
  readonly #events = new Map<string, Slot>();
  readonly #tokens = new Map<string, number>();
  readonly #nowMs: () => number;
  readonly #store: DiskStore | undefined;
  readonly #keepTokens: boolean;
  readonly #conflation: boolean;
  /** QUEUE-5: region+key -> id of its latest queued update (conflation only). */
  readonly #latestUpdate = new Map<string, string>();
  #conflated = 0;
  #nextSeq = 0;

  /**
   * `keepTokens`: a removed event never comes back (a serial sender's copies): its token stays
   * until it expires, so that every later copy of it (from other members' holdings) is dropped
   * too. Otherwise a token drops one arrival.
   */
  constructor(
    nowMs: () => number,
    store?: DiskStore,
    options: { keepTokens?: boolean; conflation?: boolean } = {},
  ) {
    this.#nowMs = nowMs;
    this.#store = store;
    this.#keepTokens = options.keepTokens ?? false;
    this.#conflation = options.conflation ?? false;
  }

  /** Updates replaced by a newer update of their key (QUEUE-5), in total. */
  get eventsConflated(): number {
    return this.#conflated;
  }

  /** Reads back what the store holds (each event once), flagged possibleDuplicate. */
  recover(): number {
    const store = this.#store;
    if (!store) return 0;
    let from = this.#nextSeq;
    let recovered = 0;
    for (let rows = store.read(from, RECOVER_CHUNK_EVENTS); rows.length > 0;) {
      for (const { seq, event } of rows) {
        from = seq + 1;
        const id = eventIdText(event.id);
        if (this.#events.has(id)) {
          store.remove(seq);
          continue;
        }
        this.#events.set(id, { event: { ...event, possibleDuplicate: true }, atMs: 0, seq });
        recovered++;
      }
      rows = store.read(from, RECOVER_CHUNK_EVENTS);
    }
    this.#nextSeq = Math.max(this.#nextSeq, from);
    return recovered;
  }

  /** Resolves once every change so far is on disk (at once without a store). */
  async committed(): Promise<void> {
    await this.#store?.committed();
  }

  get persistent(): boolean {
    return this.#store !== undefined;
  }

  get size(): number {
    return this.#events.size;
  }

  /** False when the event is already here, or was already removed. */
  add(event: RegionEvent): boolean {
    const id = eventIdText(event.id);
    if (this.#events.has(id)) return false;
    if (this.#keepTokens ? this.#tokens.has(id) : this.#tokens.delete(id)) return false;
    if (this.#conflation) this.#conflate(event, id);
    const seq = this.#nextSeq++;
    this.#events.set(id, { event, atMs: this.#nowMs(), seq });
    this.#store?.put(seq, event);
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
      const slot = this.#events.get(id);
      // keepTokens: every removal leaves a token, so that a stale copy of the event taken
      // from another member before it heard of the removal cannot bring it back.
      if (!slot || this.#keepTokens) this.#token(id);
      if (!slot) continue;
      this.#events.delete(id);
      this.#store?.remove(slot.seq);
      removed++;
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

  /** The ids held now. */
  ids(): string[] {
    return [...this.#events.keys()];
  }

  clear(): void {
    this.#events.clear();
    this.#store?.clear();
  }

  async close(): Promise<void> {
    await this.#store?.close();
  }

  /**
   * QUEUE-5: a queued update of the key gives way to this newer one (which goes to the tail).
   * Creates and destroys are never conflated, and nothing is conflated across them. An update
   * already in flight that is conflated here still reaches the receiver with its batch; its
   * ack then finds nothing to remove.
   */
  #conflate(event: RegionEvent, id: string): void {
    const key = `${event.region}\u0000${event.key}`;
    if (event.op !== 'update') {
      this.#latestUpdate.delete(key);
      return;
    }
    const previous = this.#latestUpdate.get(key);
    this.#latestUpdate.set(key, id);
    const slot = previous === undefined ? undefined : this.#events.get(previous);
    if (!slot) return;
    this.#events.delete(previous!);
    this.#store?.remove(slot.seq);
    this.#conflated++;
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
