import type { Entry, Region } from '../region.js';
import type { RegionEvent } from '../region-event.js';

/**
 * Orders the changes of one bucket: the primary stamps each with (term, seq), where the term
 * is the bucket-table version in which it became primary, so a later primary's changes sort
 * after everything an earlier one made.
 */
export interface Stamp {
  term: number;
  seq: number;
}

export function stampAfter(a: Stamp, b: Stamp | undefined): boolean {
  if (!b) return true;
  return a.term !== b.term ? a.term > b.term : a.seq > b.seq;
}

export interface CopySnapshot {
  entries: Array<[string, Entry, Stamp]>;
  term: number;
  seq: number;
}

/** This member's copy of one bucket: a local store plus the stamp of every key's last change. */
export class BucketCopy {
  readonly store: Region;
  state: 'initializing' | 'ready';
  #term = 0;
  #seq = 0;
  readonly #stamps = new Map<string, Stamp>();

  constructor(store: Region, state: 'initializing' | 'ready') {
    this.store = store;
    this.state = state;
  }

  /** Becoming primary in table `version`: later stamps sort after all earlier ones. */
  promote(version: number): void {
    this.#term = Math.max(this.#term, version);
  }

  /** The stamp of a change this member applies as primary. */
  stampChange(key: string): Stamp {
    const stamp = { term: this.#term, seq: ++this.#seq };
    this.#stamps.set(key, stamp);
    return stamp;
  }

  /** Applies a change the primary made; false when this copy already has a later one. */
  applyCopy(event: RegionEvent, stamp: Stamp): boolean {
    if (!stampAfter(stamp, this.#stamps.get(event.key))) return false;
    this.#observe(stamp);
    this.#stamps.set(event.key, stamp);
    this.store.restore(event.key, {
      value: event.value,
      version: event.version,
      tombstone: event.op === 'destroy',
    });
    return true;
  }

  snapshot(): CopySnapshot {
    return {
      entries: this.store
        .dump()
        .map(([key, entry]) => [key, entry, this.#stamps.get(key) ?? { term: 0, seq: 0 }]),
      term: this.#term,
      seq: this.#seq,
    };
  }

  /** Merges a snapshot; changes that reached this copy first and are later are kept. */
  load(snapshot: CopySnapshot): void {
    for (const [key, entry, stamp] of snapshot.entries) {
      if (!stampAfter(stamp, this.#stamps.get(key))) continue;
      this.#stamps.set(key, stamp);
      this.store.restore(key, entry);
    }
    this.#observe({ term: snapshot.term, seq: snapshot.seq });
  }

  clear(): number {
    const cleared = this.store.size();
    this.store.clear();
    this.#stamps.clear();
    return cleared;
  }

  #observe(stamp: Stamp): void {
    this.#term = Math.max(this.#term, stamp.term);
    this.#seq = Math.max(this.#seq, stamp.seq);
  }
}
