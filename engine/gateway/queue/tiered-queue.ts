import type { Clock } from '../../clock.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { DiskStore } from './disk-store.js';
import type { EventQueue, PeekRequest, QueueStats } from './event-queue.js';
import { estimateEventBytes } from './event-size.js';
import { SlotDeque, type Slot } from './slot-deque.js';

export interface TieredQueueOptions {
  clock: Clock;
  /** QUEUE-1: events beyond this many (estimated) bytes wait on disk; Infinity: never. */
  maxMemoryBytes: number;
  /** QUEUE-5: a queued update is replaced by a newer update of its key. */
  conflation: boolean;
  /** Where events beyond the memory bound go; opened on first use. */
  overflowStore?: () => DiskStore;
  /** QUEUE-3: every event is written through to this store and recovered from it. */
  persistent?: { store: DiskStore; synchronous: boolean };
}

/** Events read from disk per read transaction. */
const REFILL_CHUNK_EVENTS = 1024;
/** TX-1: a batch grows by at most this many events to complete its last transaction. */
export const MAX_TRANSACTION_EXTENSION_EVENTS = 100_000;

interface IndexEntry {
  seq: number;
  bytes: number;
}

/**
 * A FIFO whose head lives in memory, up to a byte bound, and whose tail overflows to disk
 * (Geode's LIFO eviction: the newest entries go to disk first). When memory frees up, the
 * oldest disk events come back. A persistent queue writes every event through to disk and
 * rebuilds itself from disk at construction.
 */
export class TieredQueue implements EventQueue {
  readonly #options: TieredQueueOptions;
  readonly #memory = new SlotDeque();
  #memoryLive = 0;
  #memoryBytes = 0;
  /** Live events only on disk; each has seq >= #diskFromSeq, above every seq in memory. */
  #diskCount = 0;
  #diskBytes = 0;
  #diskFromSeq = 0;
  #nextSeq = 0;
  #store: DiskStore | undefined;
  readonly #index = new Map<string, IndexEntry>();
  /** Conflated disk events whose removal may not be committed yet: skip them when read. */
  readonly #killedOnDisk = new Set<number>();
  /** Events up to this seq are in flight (peeked, not removed): never conflated. */
  #peekedThroughSeq = -1;
  /** Events recovered from disk (seq below this) may have reached the receiver already. */
  #recoveredBelowSeq = 0;
  #conflated = 0;
  #overflowed = 0;
  #wake: (() => void) | undefined;
  #awaitingCommit = false;

  constructor(options: TieredQueueOptions) {
    this.#options = options;
    if (options.persistent) {
      this.#store = options.persistent.store;
      this.#recover();
    }
  }

  enqueue(event: RegionEvent): void {
    const seq = this.#nextSeq++;
    const bytes = estimateEventBytes(event);
    if (this.#options.conflation) this.#conflate(event, seq, bytes);
    if (this.#options.persistent) this.#store!.put(seq, event);
    if (this.#fitsInMemory(bytes)) {
      this.#pushToMemory({ seq, event, bytes, queuedAtMs: this.#now(), dead: false });
    } else {
      this.#spill(seq, event, bytes);
    }
    this.#wake?.();
  }

  async peek(request: PeekRequest): Promise<RegionEvent[]> {
    const { maxEvents, waitMs, signal } = request;
    while (!signal.aborted) {
      this.#load(maxEvents);
      const oldest = this.#firstLive();
      const dueInMs = oldest ? oldest.queuedAtMs + waitMs - this.#now() : Infinity;
      if (oldest && (this.#memoryLive >= maxEvents || dueInMs <= 0)) return this.#take(request);
      await this.#sleep(dueInMs, signal);
    }
    return [];
  }

  remove(count: number): void {
    let removed = 0;
    while (removed < count) {
      const slot = this.#memory.shift();
      if (!slot) break;
      if (slot.dead) continue;
      removed++;
      this.#memoryLive--;
      this.#memoryBytes -= slot.bytes;
      if (this.#options.persistent) this.#store!.remove(slot.seq);
      this.#unindex(slot);
    }
    this.#peekedThroughSeq = -1;
    this.#load(0);
  }

  markPossibleDuplicate(count: number): void {
    let marked = 0;
    for (let i = 0; i < this.#memory.length && marked < count; i++) {
      const slot = this.#memory.at(i)!;
      if (slot.dead) continue;
      marked++;
      if (!slot.event.possibleDuplicate) slot.event = { ...slot.event, possibleDuplicate: true };
    }
  }

  async durable(): Promise<void> {
    const persistent = this.#options.persistent;
    if (persistent?.synchronous) await persistent.store.committed();
  }

  async committed(): Promise<void> {
    if (this.#options.persistent) await this.#options.persistent.store.committed();
  }

  stats(): QueueStats {
    return {
      size: this.#memoryLive + this.#diskCount,
      inMemory: this.#memoryLive,
      onDisk: this.#diskCount,
      bytesInMemory: this.#memoryBytes,
      bytesOnDisk: this.#diskBytes,
      eventsConflated: this.#conflated,
      eventsOverflowed: this.#overflowed,
    };
  }

  clear(): void {
    this.#memory.clear();
    this.#memoryLive = 0;
    this.#memoryBytes = 0;
    this.#diskCount = 0;
    this.#diskBytes = 0;
    this.#diskFromSeq = this.#nextSeq;
    this.#index.clear();
    this.#killedOnDisk.clear();
    this.#peekedThroughSeq = -1;
    this.#store?.clear();
  }

  async close(): Promise<void> {
    this.#wake?.();
    await this.#store?.close();
    this.#store = undefined;
  }

  #now(): number {
    return this.#options.clock.monotonicMs();
  }

  #fitsInMemory(bytes: number): boolean {
    if (this.#diskCount > 0) return false; // FIFO: older events are still on disk
    if (this.#memoryLive === 0) return true;
    if (!this.#options.persistent && !this.#options.overflowStore) return true;
    return this.#memoryBytes + bytes <= this.#options.maxMemoryBytes;
  }

  #pushToMemory(slot: Slot): void {
    this.#memory.push(slot);
    this.#memoryLive++;
    this.#memoryBytes += slot.bytes;
  }

  #spill(seq: number, event: RegionEvent, bytes: number): void {
    if (!this.#options.persistent) {
      this.#store ??= this.#options.overflowStore!();
      this.#store.put(seq, event);
    }
    if (this.#diskCount === 0) this.#diskFromSeq = seq;
    this.#diskCount++;
    this.#diskBytes += bytes;
    this.#overflowed++;
  }

  /**
   * Brings the oldest disk events into memory while memory has room, and at least until
   * `minLive` events are in memory (a batch must be in memory to be sent).
   */
  #load(minLive: number): void {
    let room = true;
    while (room && this.#diskCount > 0) {
      const rows = this.#store!.read(this.#diskFromSeq, REFILL_CHUNK_EVENTS);
      if (rows.length === 0) return this.#retryAfterCommit();
      for (const row of rows) {
        if (this.#killedOnDisk.delete(row.seq)) {
          this.#diskFromSeq = row.seq + 1;
          continue;
        }
        const bytes = estimateEventBytes(row.event);
        room = this.#memoryLive < minLive || this.#fitsLoaded(bytes);
        if (!room) break;
        this.#diskFromSeq = row.seq + 1;
        this.#loadRow(row.seq, row.event, bytes);
        if (this.#diskCount === 0) break;
      }
    }
    for (const seq of this.#killedOnDisk) {
      if (seq < this.#diskFromSeq) this.#killedOnDisk.delete(seq);
    }
  }

  /** Memory takes a disk event back only if it stays within the bound (or holds nothing). */
  #fitsLoaded(bytes: number): boolean {
    return this.#memoryLive === 0 || this.#memoryBytes + bytes <= this.#options.maxMemoryBytes;
  }

  #loadRow(seq: number, stored: RegionEvent, bytes: number): void {
    const event =
      seq < this.#recoveredBelowSeq && !stored.possibleDuplicate
        ? { ...stored, possibleDuplicate: true }
        : stored;
    // It waited on disk behind a full memory: it is due at once.
    this.#pushToMemory({ seq, event, bytes, queuedAtMs: Number.NEGATIVE_INFINITY, dead: false });
    this.#diskCount--;
    this.#diskBytes -= bytes;
    if (!this.#options.persistent) this.#store!.remove(seq);
  }

  /** Disk events written in this turn are not readable until committed; wake peeks then. */
  #retryAfterCommit(): void {
    if (this.#awaitingCommit || !this.#store) return;
    this.#awaitingCommit = true;
    void this.#store.committed().then(() => {
      this.#awaitingCommit = false;
      this.#wake?.();
    });
  }

  #recover(): void {
    const store = this.#store!;
    let from = 0;
    while (true) {
      const rows = store.read(from, REFILL_CHUNK_EVENTS);
      if (rows.length === 0) break;
      for (const { seq, event } of rows) {
        if (this.#diskCount === 0) this.#diskFromSeq = seq;
        const bytes = estimateEventBytes(event);
        this.#diskCount++;
        this.#diskBytes += bytes;
        if (this.#options.conflation) this.#conflate(event, seq, bytes);
        from = seq + 1;
      }
    }
    this.#nextSeq = from;
    this.#recoveredBelowSeq = from;
    this.#load(0);
  }

  #firstLive(): Slot | undefined {
    while (this.#memory.length > 0 && this.#memory.at(0)!.dead) this.#memory.shift();
    return this.#memory.at(0);
  }

  #take(request: PeekRequest): RegionEvent[] {
    const events: RegionEvent[] = [];
    let i = 0;
    let lastSeq = -1;
    const next = (): void => {
      const slot = this.#memory.at(i++)!;
      if (slot.dead) return;
      events.push(slot.event);
      lastSeq = slot.seq;
    };
    while (i < this.#memory.length && events.length < request.maxEvents) next();
    if (request.completeTransactions) {
      const limit = events.length + MAX_TRANSACTION_EXTENSION_EVENTS;
      while (endsInsideTransaction(events) && events.length < limit) {
        if (i >= this.#memory.length) this.#load(this.#memoryLive + 1);
        if (i >= this.#memory.length) break;
        next();
      }
    }
    this.#peekedThroughSeq = lastSeq;
    return events;
  }

  #conflate(event: RegionEvent, seq: number, bytes: number): void {
    const key = conflationKey(event);
    if (event.op !== 'update') {
      // Creates and destroys are never conflated, and nothing is conflated across them.
      this.#index.delete(key);
      return;
    }
    const previous = this.#index.get(key);
    this.#index.set(key, { seq, bytes });
    if (!previous || previous.seq <= this.#peekedThroughSeq) return;
    if (this.#kill(previous)) this.#conflated++;
  }

  #kill(entry: IndexEntry): boolean {
    if (this.#diskCount > 0 && entry.seq >= this.#diskFromSeq) {
      this.#diskCount--;
      this.#diskBytes -= entry.bytes;
      this.#killedOnDisk.add(entry.seq);
      this.#store!.remove(entry.seq);
      return true;
    }
    const slot = this.#memory.find(entry.seq);
    if (!slot || slot.dead) return false;
    slot.dead = true;
    this.#memoryLive--;
    this.#memoryBytes -= slot.bytes;
    if (this.#options.persistent) this.#store!.remove(slot.seq);
    return true;
  }

  #unindex(slot: Slot): void {
    if (!this.#options.conflation || slot.event.op !== 'update') return;
    const key = conflationKey(slot.event);
    if (this.#index.get(key)?.seq === slot.seq) this.#index.delete(key);
  }

  #sleep(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.#wake === done) this.#wake = undefined;
        resolve();
      };
      const timer = Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
      signal.addEventListener('abort', done, { once: true });
      this.#wake = done;
    });
  }
}

function conflationKey(event: RegionEvent): string {
  return `${event.region}\u0000${event.key}`;
}

/** True when the batch's last event belongs to a transaction whose last event is not in it. */
export function endsInsideTransaction(events: readonly RegionEvent[]): boolean {
  const tx = events[events.length - 1]?.tx;
  return tx !== undefined && !tx.last;
}
