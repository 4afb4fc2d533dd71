import type { RegionEvent } from '../../region/region-event.js';
import type { BucketRef } from '../../region/bucket/event-sink.js';
import type { DiskStore, StoredEvent } from '../queue/disk-store.js';

const RECOVER_CHUNK_EVENTS = 1024;

/** Opens an LMDB store (create-queue.ts's LmdbStore) for one of the two uses below. */
export type OpenStore = (use: 'persistent' | 'overflow') => DiskStore;

export function bucketKey(at: BucketRef): string {
  return `${at.region}/${at.bucket}`;
}

/**
 * The disk side of one member's parallel sender (QUEUE-1, QUEUE-3): a single store shared by
 * every bucket queue the member holds, primary and copies alike, with one seq counter, so a
 * sender has one LMDB environment whatever its bucket count. Rows carry their event, and the
 * event its region and bucket, so recovery groups them by bucket.
 *
 * persistent: every queued event is written through (fsync'd), and a new process recovers
 * them. Otherwise the store is an overflow file wiped at open, opened on the first overflow.
 */
export class BucketQueueStore {
  readonly persistent: boolean;
  readonly #open: OpenStore;
  #store: DiskStore | undefined;
  #closed = false;
  #nextSeq = 0;

  constructor(persistent: boolean, open: OpenStore) {
    this.persistent = persistent;
    this.#open = open;
    if (persistent) this.#store = open('persistent');
  }

  /** A bucket queue's write-through store: persistent senders only. */
  writeThrough(): DiskStore | undefined {
    return this.persistent ? new SharedView(() => this.#opened()) : undefined;
  }

  /** Where bodies go past the memory budget: the persistent store, or an overflow file. */
  overflow(): DiskStore {
    return new SharedView(() => this.#opened());
  }

  readonly nextSeq = (): number => this.#nextSeq++;

  /** What an earlier process left, by bucket, in seq order; new seqs go above all of it. */
  recover(): Map<string, StoredEvent[]> {
    const byBucket = new Map<string, StoredEvent[]>();
    if (!this.persistent) return byBucket;
    let from = 0;
    for (let rows = this.#store!.read(from, RECOVER_CHUNK_EVENTS); rows.length > 0;) {
      for (const row of rows) {
        const key = bucketOf(row.event);
        if (key !== undefined) byBucket.set(key, [...(byBucket.get(key) ?? []), row]);
        else this.#store!.remove(row.seq);
      }
      from = rows[rows.length - 1]!.seq + 1;
      rows = this.#store!.read(from, RECOVER_CHUNK_EVENTS);
    }
    this.#nextSeq = Math.max(this.#nextSeq, from);
    return byBucket;
  }

  async committed(): Promise<void> {
    await this.#store?.committed();
  }

  async close(): Promise<void> {
    const store = this.#store;
    this.#closed = true;
    this.#store = undefined;
    if (!store) return;
    await store.committed();
    await store.close();
  }

  #opened(): DiskStore {
    if (this.#closed) return CLOSED;
    this.#store ??= this.#open(this.persistent ? 'persistent' : 'overflow');
    return this.#store;
  }
}

/** What a view writes to once the sender closed: nothing (the process is ending). */
const CLOSED: DiskStore = {
  put: () => undefined,
  remove: () => undefined,
  read: () => [],
  committed: async () => undefined,
  clear: () => undefined,
  close: async () => undefined,
};

function bucketOf(event: RegionEvent): string | undefined {
  return event.bucket === undefined
    ? undefined
    : bucketKey({ region: event.region, bucket: event.bucket });
}

/**
 * A bucket queue's view of the shared store: the store is opened on first use (an overflow
 * file only when something overflows), and never wiped nor closed through a view.
 */
class SharedView implements DiskStore {
  readonly #store: () => DiskStore;

  constructor(store: () => DiskStore) {
    this.#store = store;
  }

  put(seq: number, event: RegionEvent): void {
    this.#store().put(seq, event);
  }

  remove(seq: number): void {
    this.#store().remove(seq);
  }

  read(fromSeq: number, limit: number): StoredEvent[] {
    return this.#store().read(fromSeq, limit);
  }

  async committed(): Promise<void> {
    await this.#store().committed();
  }

  /** EventCopies.discard removes a bucket's rows one by one instead. */
  clear(): void {}

  /** Closed by its owner, BucketQueueStore. */
  async close(): Promise<void> {}
}
