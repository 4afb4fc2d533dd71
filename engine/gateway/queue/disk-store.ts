import { rmSync } from 'node:fs';
import { open, type RootDatabase } from 'lmdb';
import type { RegionEvent } from '../../region/region-event.js';

export interface StoredEvent {
  seq: number;
  event: RegionEvent;
}

/**
 * Where a queue keeps events on disk, keyed by their queue position. Writes are ordered and
 * asynchronous; reads see committed writes only, and since commits happen in order, what is
 * readable is always a prefix of what was written.
 */
export interface DiskStore {
  put(seq: number, event: RegionEvent): void;
  remove(seq: number): void;
  /** Committed events with seq >= fromSeq, ascending, at most `limit`. */
  read(fromSeq: number, limit: number): StoredEvent[];
  /** Resolves when every write so far is committed (and so survives a process kill). */
  committed(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

export interface LmdbStoreOptions {
  path: string;
  /** Skip fsync: for overflow files nobody reads after a restart. */
  noSync: boolean;
  /** Delete whatever an earlier process left at `path` first. */
  wipe: boolean;
  onError: (error: unknown) => void;
}

/** A DiskStore in an LMDB environment of its own (lmdb-js: ordered keys, batched commits). */
export class LmdbStore implements DiskStore {
  readonly #db: RootDatabase<RegionEvent, number>;
  readonly #onError: (error: unknown) => void;

  constructor(options: LmdbStoreOptions) {
    if (options.wipe) rmSync(options.path, { recursive: true, force: true });
    this.#db = open<RegionEvent, number>({
      path: options.path,
      noSync: options.noSync,
      // ordered-binary (the default) sorts numbers numerically, up to 2^53: uint32 would
      // wrap after a few hours at full rate.
      keyEncoding: 'ordered-binary',
    });
    this.#onError = options.onError;
  }

  put(seq: number, event: RegionEvent): void {
    this.#db.put(seq, event).then(undefined, this.#onError);
  }

  remove(seq: number): void {
    this.#db.remove(seq).then(undefined, this.#onError);
  }

  read(fromSeq: number, limit: number): StoredEvent[] {
    const rows: StoredEvent[] = [];
    for (const { key, value } of this.#db.getRange({ start: fromSeq, limit })) {
      rows.push({ seq: key, event: value });
    }
    return rows;
  }

  async committed(): Promise<void> {
    await this.#db.committed;
  }

  clear(): void {
    this.#db.clearSync();
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}
