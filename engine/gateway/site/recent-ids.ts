import { RecencyMap } from './recency-map.js';

/**
 * Ids seen lately, the oldest forgotten first once `capacity` are held: a primary's memory of
 * the events it had acknowledged, so that a copy offered back by a member that was away does
 * not send them again.
 */
export class RecentIds {
  readonly #ids = new RecencyMap<true>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#ids.size;
  }

  /** Places its order holds, stale ones included: bounded by about twice the capacity. */
  get placesHeld(): number {
    return this.#ids.placesHeld;
  }

  add(ids: Iterable<string>): void {
    for (const id of ids) this.#ids.set(id, true);
    while (this.#ids.size > this.#capacity) this.#ids.deleteOldest();
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }
}
