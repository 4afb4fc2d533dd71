/** Stale places in the order are compacted away once they outnumber the entries this much. */
const STALE_SLACK = 1024;

/**
 * A map whose entries are ordered by when they were last set, and whose oldest entry is found
 * and dropped in amortised constant time: the memory of acknowledged event ids and of
 * removal tokens, which forget their oldest first.
 *
 * Not a plain Map read from its start (issue 19): V8 leaves a hole in a Map's table for every
 * deleted entry until the table is rebuilt, and an iterator skips each hole, so dropping the
 * oldest of 100 000 entries cost tens of microseconds and a sender slowed down round after
 * round. Here the order is an array of (key, stamp) with a moving head; setting a key again
 * or deleting it leaves a stale place that is skipped once and compacted away.
 */
export class RecencyMap<V> {
  /** Key -> the stamp of its place in the order; its value is at that place. */
  readonly #entries = new Map<string, number>();
  #keys: string[] = [];
  #stamps: number[] = [];
  #values: V[] = [];
  #head = 0;
  #nextStamp = 0;
  #scanned = 0;

  get size(): number {
    return this.#entries.size;
  }

  /** Places in the order, stale ones included (bounded by twice the size plus a slack). */
  get placesHeld(): number {
    return this.#keys.length - this.#head;
  }

  /** Places looked at, in total: amortised, a few per set or delete, whatever the size. */
  get placesScanned(): number {
    return this.#scanned;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** The key becomes the newest entry, whether it was here or not. */
  set(key: string, value: V): void {
    const stamp = this.#nextStamp++;
    this.#entries.set(key, stamp);
    this.#keys.push(key);
    this.#stamps.push(stamp);
    this.#values.push(value);
    this.#compactIfStale();
  }

  delete(key: string): boolean {
    const deleted = this.#entries.delete(key);
    if (deleted) this.#compactIfStale();
    return deleted;
  }

  /** The entry set longest ago. */
  oldest(): { key: string; value: V } | undefined {
    while (this.#head < this.#keys.length) {
      this.#scanned++;
      const key = this.#keys[this.#head]!;
      if (this.#entries.get(key) === this.#stamps[this.#head]) {
        return { key, value: this.#values[this.#head]! };
      }
      this.#head++;
    }
    return undefined;
  }

  deleteOldest(): void {
    const oldest = this.oldest();
    if (oldest === undefined) return;
    this.#entries.delete(oldest.key);
    this.#head++;
    this.#compactIfStale();
  }

  clear(): void {
    this.#entries.clear();
    this.#keys = [];
    this.#stamps = [];
    this.#values = [];
    this.#head = 0;
  }

  /** Keeps the order array within twice the entries, plus a slack, dead prefix included. */
  #compactIfStale(): void {
    if (this.#keys.length <= 2 * this.#entries.size + STALE_SLACK) return;
    const keys: string[] = [];
    const stamps: number[] = [];
    const values: V[] = [];
    for (let at = this.#head; at < this.#keys.length; at++) {
      const key = this.#keys[at]!;
      if (this.#entries.get(key) !== this.#stamps[at]) continue;
      keys.push(key);
      stamps.push(this.#stamps[at]!);
      values.push(this.#values[at]!);
    }
    this.#scanned += this.#keys.length - this.#head;
    this.#keys = keys;
    this.#stamps = stamps;
    this.#values = values;
    this.#head = 0;
  }
}
