import { changedEvent, eventIdText, type RegionEvent } from '../../region/region-event.js';
import type { DiskStore, StoredEvent } from '../queue/disk-store.js';
import { estimateEventBytes } from '../queue/event-size.js';
import type { MemoryBudget } from './memory-budget.js';
import { RecencyMap } from './recency-map.js';

/** Removals that came before their event are remembered this long (Geode's TOKEN_TIMEOUT). */
const TOKEN_TIMEOUT_MS = 120000;
/** Beyond this many tokens the oldest go, expired or not. */
export const TOKENS_KEPT = 100000;
const RECOVER_CHUNK_EVENTS = 1024;

interface Slot {
  /** Undefined while the event waits on disk only (QUEUE-1). */
  event: RegionEvent | undefined;
  /** Monotonic ms at which it arrived here: batches wait for time from the oldest. */
  atMs: number;
  /** Arrival position: the key of the event in the store. */
  seq: number;
  bytes: number;
  /** Flagged possibleDuplicate, even while on disk. */
  duplicate: boolean;
  /** A row for it exists on disk (write-through, or overflow). */
  written: boolean;
}

export interface EventCopiesOptions {
  /** A removed event never comes back (a serial sender's copies); see the constructor. */
  keepTokens?: boolean;
  /** QUEUE-5: a queued update is replaced by a newer update of its key. */
  conflation?: boolean;
  /** Seqs from an allocator shared by the queues that share one store (a parallel sender). */
  nextSeq?: () => number;
  /**
   * QUEUE-1: past the budget, a new event's body leaves memory once it is on disk: in the
   * write-through store when there is one, else in this overflow store.
   */
  overflow?: { store: DiskStore; memory: MemoryBudget };
}

/**
 * Queued events in arrival order, addressable by event id: a secondary's copy of a queue
 * (HA-1, HA-3), and a parallel sender's queue of one bucket. Every copy of a queue receives
 * the same events, but from several members at once, so the order may differ between copies
 * while each member's own events stay in order; removals therefore go by id. A removal that
 * overtakes its event leaves a token that drops the event when it arrives.
 *
 * With a store (a persistent sender), every copy writes through to disk, keyed by arrival
 * order, and `recover` (or `restore`, for rows another reader grouped) reads back what an
 * earlier process left, flagged possibleDuplicate: every member's copy survives its process,
 * so whichever member becomes primary first after a restart holds the queue (QUEUE-3, HA-3).
 *
 * With an overflow budget, an event arriving while the member's budget is exceeded keeps only
 * its place here; its body is read back from disk when it reaches the head of a batch.
 */
export class EventCopies {
  readonly #events = new Map<string, Slot>();
  readonly #tokens = new RecencyMap<number>();
  readonly #nowMs: () => number;
  readonly #store: DiskStore | undefined;
  readonly #keepTokens: boolean;
  readonly #conflation: boolean;
  readonly #allocate: (() => number) | undefined;
  readonly #overflow: EventCopiesOptions['overflow'];
  /** QUEUE-5: region+key -> id of its latest queued update (conflation only). */
  readonly #latestUpdate = new Map<string, string>();
  #conflated = 0;
  #overflowed = 0;
  #onDisk = 0;
  #bytesOnDisk = 0;
  #nextSeq = 0;

  /**
   * `keepTokens`: a removed event never comes back (a serial sender's copies): its token stays
   * until it expires, so that every later copy of it (from other members' holdings) is dropped
   * too. Otherwise a token drops one arrival.
   */
  constructor(nowMs: () => number, store?: DiskStore, options: EventCopiesOptions = {}) {
    this.#nowMs = nowMs;
    this.#store = store;
    this.#keepTokens = options.keepTokens ?? false;
    this.#conflation = options.conflation ?? false;
    this.#allocate = options.nextSeq;
    this.#overflow = options.overflow;
  }

  /** Updates replaced by a newer update of their key (QUEUE-5), in total. */
  get eventsConflated(): number {
    return this.#conflated;
  }

  /** Events whose body went to disk because the member's budget was exceeded, in total. */
  get eventsOverflowed(): number {
    return this.#overflowed;
  }

  /** Events held on disk only. */
  get onDisk(): number {
    return this.#onDisk;
  }

  get bytesOnDisk(): number {
    return this.#bytesOnDisk;
  }

  /** Tokens held now, and the places their order holds (for tests: both stay bounded). */
  get tokens(): { size: number; placesHeld: number } {
    return { size: this.#tokens.size, placesHeld: this.#tokens.placesHeld };
  }

  /** Reads back what the store holds (each event once), flagged possibleDuplicate. */
  recover(): number {
    const store = this.#store;
    if (!store) return 0;
    let from = this.#nextSeq;
    let recovered = 0;
    for (let rows = store.read(from, RECOVER_CHUNK_EVENTS); rows.length > 0;) {
      recovered += this.restore(rows);
      from = rows[rows.length - 1]!.seq + 1;
      rows = store.read(from, RECOVER_CHUNK_EVENTS);
    }
    this.#nextSeq = Math.max(this.#nextSeq, from);
    return recovered;
  }

  /**
   * Takes rows an earlier process left in the store (committed), flagged possibleDuplicate; a
   * row whose event is already here is a leftover and is deleted. Returns how many were new.
   */
  restore(rows: readonly StoredEvent[]): number {
    let restored = 0;
    for (const { seq, event } of rows) {
      const id = eventIdText(event.id);
      if (this.#events.has(id)) {
        this.#store?.remove(seq);
        continue;
      }
      const slot = this.#slot(changedEvent(event, { possibleDuplicate: true }), seq, 0);
      slot.written = true;
      this.#events.set(id, slot);
      if (this.#conflation) this.#conflate(slot.event!, id);
      // Already committed: past the budget it leaves memory at once.
      if (this.#overflow?.memory.exceeded) this.#toDisk(slot);
      restored++;
    }
    return restored;
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
    const slot = this.#slot(
      event,
      this.#allocate ? this.#allocate() : this.#nextSeq++,
      this.#nowMs(),
    );
    this.#events.set(id, slot);
    if (this.#store) {
      this.#store.put(slot.seq, event);
      slot.written = true;
    }
    if (this.#overflow?.memory.exceeded) this.#evict(id, slot);
    return true;
  }

  /** When the oldest event arrived (monotonic ms); undefined when empty. */
  oldestAtMs(): number | undefined {
    return this.#events.values().next().value?.atMs;
  }

  has(id: string): boolean {
    return this.#events.has(id);
  }

  /**
   * Removes by id; ids not (yet) here leave tokens. Returns how many were here; `removedEvent`
   * hears of each removed event (read from disk when it is there).
   */
  remove(ids: readonly string[], removedEvent?: (event: RegionEvent) => void): number {
    let removed = 0;
    for (const id of ids) {
      const slot = this.#events.get(id);
      // keepTokens: every removal leaves a token, so that a stale copy of the event taken
      // from another member before it heard of the removal cannot bring it back.
      if (!slot || this.#keepTokens) this.#token(id);
      if (!slot) continue;
      if (removedEvent) {
        const event = slot.event ?? this.#read(slot);
        if (event) removedEvent(event);
      }
      this.#drop(id, slot);
      removed++;
    }
    return removed;
  }

  /**
   * The oldest `count` events, in order. Those waiting on disk are read for the batch without
   * coming back into the queue's memory: the batch in flight is the dispatcher's, at most
   * batchSize events, and the queue stays within its budget while it drains (QUEUE-1).
   */
  head(count: number): RegionEvent[] {
    const events: RegionEvent[] = [];
    for (const slot of this.#events.values()) {
      if (events.length >= count) break;
      const event = slot.event ?? this.#read(slot);
      if (!event) break;
      events.push(event);
    }
    return events;
  }

  /** Flags the oldest `count` events possibleDuplicate (all of them without a count). */
  markPossibleDuplicate(count = Infinity): void {
    let marked = 0;
    for (const slot of this.#events.values()) {
      if (marked++ >= count) break;
      this.#flag(slot);
    }
  }

  markIdPossibleDuplicate(id: string): void {
    const slot = this.#events.get(id);
    if (slot) this.#flag(slot);
  }

  /** Every event, in order (those on disk read without coming back into memory). */
  all(): RegionEvent[] {
    const events: RegionEvent[] = [];
    for (const slot of this.#events.values()) {
      const event = slot.event ?? this.#read(slot);
      if (event) events.push(event);
    }
    return events;
  }

  /** The ids held now. */
  ids(): string[] {
    return [...this.#events.keys()];
  }

  /** Drops everything and wipes the store (a store of its own). */
  clear(): void {
    this.#forgetAll();
    this.#store?.clear();
  }

  /** Drops everything and its rows, one by one (a store shared with other queues). */
  discard(): void {
    for (const [id, slot] of [...this.#events]) this.#drop(id, slot);
  }

  async close(): Promise<void> {
    await this.#store?.close();
  }

  #slot(event: RegionEvent, seq: number, atMs: number): Slot {
    const bytes = estimateEventBytes(event);
    if (this.#overflow) this.#overflow.memory.usedBytes += bytes;
    return { event, atMs, seq, bytes, duplicate: event.possibleDuplicate, written: false };
  }

  /** The disk that holds the rows of events not in memory. */
  #disk(): DiskStore | undefined {
    return this.#store ?? this.#overflow?.store;
  }

  /** QUEUE-1: the body leaves memory once its row is committed (so it can be read back). */
  #evict(id: string, slot: Slot): void {
    const disk = this.#disk()!;
    if (!slot.written) {
      disk.put(slot.seq, slot.event!);
      slot.written = true;
    }
    void disk.committed().then(() => {
      if (this.#events.get(id) === slot && slot.event) this.#toDisk(slot);
    });
  }

  #toDisk(slot: Slot): void {
    slot.event = undefined;
    this.#overflow!.memory.usedBytes -= slot.bytes;
    this.#onDisk++;
    this.#bytesOnDisk += slot.bytes;
    this.#overflowed++;
    this.#overflow!.memory.eventsOverflowed++;
  }

  #read(slot: Slot): RegionEvent | undefined {
    const row = this.#disk()?.read(slot.seq, 1)[0];
    if (row?.seq !== slot.seq) return undefined;
    return slot.duplicate && !row.event.possibleDuplicate
      ? { ...row.event, possibleDuplicate: true }
      : row.event;
  }

  #flag(slot: Slot): void {
    slot.duplicate = true;
    if (slot.event && !slot.event.possibleDuplicate) {
      slot.event = { ...slot.event, possibleDuplicate: true };
    }
  }

  #drop(id: string, slot: Slot): void {
    this.#events.delete(id);
    if (slot.written) this.#disk()?.remove(slot.seq);
    this.#unaccount(slot);
  }

  #unaccount(slot: Slot): void {
    if (!this.#overflow) return;
    if (slot.event) {
      this.#overflow.memory.usedBytes -= slot.bytes;
    } else {
      this.#onDisk--;
      this.#bytesOnDisk -= slot.bytes;
    }
  }

  #forgetAll(): void {
    for (const slot of this.#events.values()) this.#unaccount(slot);
    this.#events.clear();
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
    if (!slot || previous === id) return;
    this.#drop(previous!, slot);
    this.#conflated++;
  }

  /** Past TOKENS_KEPT, the oldest tokens go, and with them every expired one before a fresh one. */
  #token(id: string): void {
    const nowMs = this.#nowMs();
    this.#tokens.set(id, nowMs);
    if (this.#tokens.size <= TOKENS_KEPT) return;
    for (let oldest = this.#tokens.oldest(); oldest; oldest = this.#tokens.oldest()) {
      if (nowMs - oldest.value < TOKEN_TIMEOUT_MS && this.#tokens.size <= TOKENS_KEPT) break;
      this.#tokens.deleteOldest();
    }
  }
}
