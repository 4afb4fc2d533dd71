import type { RegionEvent } from '../../region/region-event.js';

/** One queued event in memory. */
export interface Slot {
  /** Position in the queue, increasing; the key of the event on disk. */
  readonly seq: number;
  event: RegionEvent;
  readonly bytes: number;
  /** Monotonic ms at which it entered memory (or the queue); batches wait from here. */
  readonly queuedAtMs: number;
  /** Conflated away (QUEUE-5): skipped by peeks, dropped when the head passes it. */
  dead: boolean;
}

/** Compact the backing array once this many slots at its head are gone. */
const COMPACT_AFTER_SLOTS = 4096;

/** The in-memory head of a queue: slots in increasing `seq`, dead ones included. */
export class SlotDeque {
  #slots: Slot[] = [];
  #head = 0;

  get length(): number {
    return this.#slots.length - this.#head;
  }

  /** The i-th slot from the head, dead or alive. */
  at(i: number): Slot | undefined {
    return this.#slots[this.#head + i];
  }

  last(): Slot | undefined {
    return this.length > 0 ? this.#slots[this.#slots.length - 1] : undefined;
  }

  push(slot: Slot): void {
    this.#slots.push(slot);
  }

  shift(): Slot | undefined {
    if (this.length === 0) return undefined;
    const slot = this.#slots[this.#head++]!;
    if (this.#head >= COMPACT_AFTER_SLOTS && this.#head * 2 >= this.#slots.length) {
      this.#slots = this.#slots.slice(this.#head);
      this.#head = 0;
    }
    return slot;
  }

  /** The slot holding `seq`, by binary search; undefined when it is not in memory. */
  find(seq: number): Slot | undefined {
    let low = this.#head;
    let high = this.#slots.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const slot = this.#slots[mid]!;
      if (slot.seq === seq) return slot;
      if (slot.seq < seq) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  clear(): void {
    this.#slots = [];
    this.#head = 0;
  }
}
