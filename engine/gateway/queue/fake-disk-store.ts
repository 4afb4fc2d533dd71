import type { RegionEvent } from '../../region/region-event.js';
import type { DiskStore, StoredEvent } from './disk-store.js';

/**
 * A DiskStore in memory, for unit tests: `rows` is what survives a crash. With `autoCommit`
 * off, writes wait in `pending` until `commit`; `committed()` then commits them at once, or,
 * with `commitWhenAwaited` off, waits until the test calls `commit` (a slow disk).
 */
export class FakeDiskStore implements DiskStore {
  readonly rows = new Map<number, RegionEvent>();
  pending: Array<() => void> = [];
  autoCommit = true;
  commitWhenAwaited = true;
  closed = false;

  put(seq: number, event: RegionEvent): void {
    this.#write(() => this.rows.set(seq, event));
  }

  remove(seq: number): void {
    this.#write(() => this.rows.delete(seq));
  }

  read(fromSeq: number, limit: number): StoredEvent[] {
    return [...this.rows.entries()]
      .filter(([seq]) => seq >= fromSeq)
      .sort(([a], [b]) => a - b)
      .slice(0, limit)
      .map(([seq, event]) => ({ seq, event }));
  }

  commit(): void {
    for (const write of this.pending.splice(0)) write();
  }

  async committed(): Promise<void> {
    if (this.commitWhenAwaited) this.commit();
    while (this.pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  clear(): void {
    this.rows.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  #write(apply: () => void): void {
    if (this.autoCommit) apply();
    else this.pending.push(apply);
  }
}
