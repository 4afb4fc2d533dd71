import type { Clock } from '../../clock.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { EventQueue, QueueStats } from './event-queue.js';

interface Slot {
  event: RegionEvent;
  queuedAtMs: number;
}

/** Compact the backing array once this many slots at its head are dead. */
const COMPACT_AFTER_SLOTS = 4096;

/** An unbounded in-memory FIFO; the base the overflow and persistent queues build on. */
export class MemoryQueue implements EventQueue {
  readonly #clock: Clock;
  #slots: Slot[] = [];
  #head = 0;
  #wake: (() => void) | undefined;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get size(): number {
    return this.#slots.length - this.#head;
  }

  enqueue(event: RegionEvent): void {
    this.#slots.push({ event, queuedAtMs: this.#clock.monotonicMs() });
    this.#wake?.();
  }

  async peek(maxEvents: number, waitMs: number, signal: AbortSignal): Promise<RegionEvent[]> {
    while (!signal.aborted) {
      if (this.size >= maxEvents) return this.#take(maxEvents);
      const oldest = this.#slots[this.#head];
      const dueInMs = oldest ? oldest.queuedAtMs + waitMs - this.#clock.monotonicMs() : Infinity;
      if (dueInMs <= 0) return this.#take(maxEvents);
      await this.#sleepUntilEnqueue(dueInMs, signal);
    }
    return [];
  }

  remove(count: number): void {
    this.#head = Math.min(this.#slots.length, this.#head + count);
    if (this.#head >= COMPACT_AFTER_SLOTS && this.#head * 2 >= this.#slots.length) {
      this.#slots = this.#slots.slice(this.#head);
      this.#head = 0;
    }
  }

  markPossibleDuplicate(count: number): void {
    const end = Math.min(this.#slots.length, this.#head + count);
    for (let i = this.#head; i < end; i++) {
      const slot = this.#slots[i]!;
      if (!slot.event.possibleDuplicate) slot.event = { ...slot.event, possibleDuplicate: true };
    }
  }

  stats(): QueueStats {
    return { size: this.size, inMemory: this.size, onDisk: 0 };
  }

  clear(): void {
    this.#slots = [];
    this.#head = 0;
  }

  async close(): Promise<void> {
    this.#wake?.();
  }

  #take(maxEvents: number): RegionEvent[] {
    const end = Math.min(this.#slots.length, this.#head + maxEvents);
    const events: RegionEvent[] = [];
    for (let i = this.#head; i < end; i++) events.push(this.#slots[i]!.event);
    return events;
  }

  #sleepUntilEnqueue(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#wake = undefined;
        resolve();
      };
      const timer = Number.isFinite(timeoutMs) ? setTimeout(done, timeoutMs) : undefined;
      signal.addEventListener('abort', done, { once: true });
      this.#wake = done;
    });
  }
}
