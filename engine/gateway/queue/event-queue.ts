import type { RegionEvent } from '../../region/region-event.js';

export interface QueueStats {
  /** Events waiting, in memory and on disk. */
  size: number;
  inMemory: number;
  onDisk: number;
}

/**
 * A gateway sender's queue. Peeking does not remove: events leave only through `remove`,
 * which the sender calls when the receiver acknowledged them (BATCH-1).
 */
export interface EventQueue {
  enqueue(event: RegionEvent): void;
  /**
   * Up to `maxEvents` from the head. Resolves once `maxEvents` are waiting, or `waitMs` after
   * the oldest waiting event was queued (QUEUE-2, QUEUE-4); with `signal` aborted, resolves [].
   */
  peek(maxEvents: number, waitMs: number, signal: AbortSignal): Promise<RegionEvent[]>;
  /** Drops the `count` oldest events. */
  remove(count: number): void;
  /** Flags the `count` oldest events possibleDuplicate (they may have reached the receiver). */
  markPossibleDuplicate(count: number): void;
  stats(): QueueStats;
  clear(): void;
  close(): Promise<void>;
}
