import type { Clock } from '../../clock.js';
import { eventIdText, type RegionEvent } from '../../region/region-event.js';
import {
  emptyQueueStats,
  type EventQueue,
  type PeekRequest,
  type QueueStats,
} from '../queue/event-queue.js';
import type { PauseGate } from '../sender/pause-gate.js';
import type { EventCopies } from './event-copies.js';

/** The queues of the primary buckets one dispatcher drains. */
export interface LaneBuckets {
  /** Bucket queues this lane may peek from now, in a stable order. */
  primaryQueues(lane: number): EventCopies[];
}

/**
 * One dispatcher's view of a parallel sender's queue (SEND-9): the primary buckets whose
 * number modulo dispatcherThreads is this lane's, drained in rotation as Geode's parallel
 * processors do. A batch takes the head of several buckets, so order holds within each bucket
 * (SEND-7) and never across them. Implements the queue interface the dispatcher expects; the
 * batch in flight is remembered by event id, so a bucket that moves meanwhile cannot make
 * `remove` drop the wrong events.
 */
export class BucketLane implements EventQueue {
  readonly #lane: number;
  readonly #buckets: LaneBuckets;
  readonly #clock: Clock;
  #rotation = 0;
  #inFlight: Array<{ queue: EventCopies; event: RegionEvent }> = [];
  #wake: (() => void) | undefined;

  readonly #gate: PauseGate;

  constructor(lane: number, buckets: LaneBuckets, clock: Clock, gate: PauseGate) {
    this.#lane = lane;
    this.#buckets = buckets;
    this.#clock = clock;
    this.#gate = gate;
  }

  /** Events are added to the bucket queues directly; this only wakes a waiting peek. */
  enqueue(): void {
    this.notify();
  }

  notify(): void {
    this.#wake?.();
  }

  async peek(request: PeekRequest): Promise<RegionEvent[]> {
    const { maxEvents, waitMs, signal } = request;
    while (!signal.aborted) {
      const queues = this.#buckets.primaryQueues(this.#lane);
      let available = 0;
      let oldestAtMs = Infinity;
      for (const queue of queues) {
        available += queue.size;
        oldestAtMs = Math.min(oldestAtMs, queue.oldestAtMs() ?? Infinity);
      }
      // QUEUE-2, QUEUE-4: a partial batch goes once its oldest event waited waitMs.
      const dueInMs = oldestAtMs + waitMs - this.#clock.monotonicMs();
      if (available >= maxEvents || (available > 0 && dueInMs <= 0)) {
        // PAUSE-1: a pause that came while the batch filled up keeps it home.
        if (this.#gate.paused) {
          await this.#gate.pass(signal);
          continue;
        }
        return this.#take(queues, maxEvents);
      }
      await this.#sleep(dueInMs, signal);
    }
    return [];
  }

  /** Drops the batch in flight (the dispatcher removes what was acknowledged). */
  remove(count: number): void {
    const done = this.#inFlight.slice(0, count);
    this.#inFlight = this.#inFlight.slice(count);
    for (const { queue, event } of done) queue.remove([eventIdText(event.id)]);
  }

  markPossibleDuplicate(count: number): void {
    for (const { queue, event } of this.#inFlight.slice(0, count)) {
      queue.markIdPossibleDuplicate(eventIdText(event.id));
    }
    this.#inFlight = [];
  }

  /** The sender waits for its bucket queues' store itself (ParallelGatewaySender.durable). */
  async durable(): Promise<void> {}

  /** The bucket queues write through on their own (EventCopies.committed). */
  async committed(): Promise<void> {}

  stats(): QueueStats {
    let size = 0;
    let onDisk = 0;
    for (const queue of this.#buckets.primaryQueues(this.#lane)) {
      size += queue.size;
      onDisk += queue.onDisk;
    }
    return { ...emptyQueueStats(), size, inMemory: size - onDisk, onDisk };
  }

  clear(): void {
    this.#inFlight = [];
  }

  async close(): Promise<void> {
    this.notify();
  }

  /** Heads of the lane's buckets, one bucket after the other from a rotating start. */
  #take(queues: EventCopies[], maxEvents: number): RegionEvent[] {
    const start = this.#rotation++ % queues.length;
    this.#inFlight = [];
    for (let i = 0; i < queues.length && this.#inFlight.length < maxEvents; i++) {
      const queue = queues[(start + i) % queues.length]!;
      for (const event of queue.head(maxEvents - this.#inFlight.length)) {
        this.#inFlight.push({ queue, event });
      }
    }
    return this.#inFlight.map((e) => e.event);
  }

  #sleep(timeoutMs: number, signal: AbortSignal): Promise<void> {
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
