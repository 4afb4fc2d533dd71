import type { RegionEvent } from '../../region/region-event.js';

/** Gauges and totals of one queue; a sender sums them over its lanes. */
export interface QueueStats {
  /** Events waiting, in memory and on disk (Geode's eventQueueSize). */
  size: number;
  /** Events held in memory. */
  inMemory: number;
  /** Events held only on disk (Geode's entriesOverflowedToDisk). */
  onDisk: number;
  /** Estimated bytes of the events in memory; stays near maximumQueueMemoryMb (QUEUE-1). */
  bytesInMemory: number;
  /** Estimated bytes of the events only on disk (Geode's bytesOverflowedToDisk). */
  bytesOnDisk: number;
  /** Total events that replaced an older queued update of their key (QUEUE-5). */
  eventsConflated: number;
  /** Total events written to disk because memory was full (QUEUE-1). */
  eventsOverflowed: number;
}

export interface PeekRequest {
  maxEvents: number;
  /** Resolve once the oldest waiting event has waited this long, full batch or not. */
  waitMs: number;
  signal: AbortSignal;
  /** TX-1: extend the batch past maxEvents until its last transaction is complete. */
  completeTransactions?: boolean;
}

/**
 * A gateway sender's queue (one per dispatcher lane). Peeking does not remove: events leave
 * only through `remove`, which the sender calls when the receiver acknowledged them
 * (BATCH-1). Batches are always a prefix of the queue.
 */
export interface EventQueue {
  enqueue(event: RegionEvent): void;
  /**
   * Up to `maxEvents` from the head. Resolves once `maxEvents` are waiting, or `waitMs` after
   * the oldest waiting event was queued (QUEUE-2, QUEUE-4); with `signal` aborted, resolves [].
   * The events returned are in flight until `remove`: conflation leaves them alone.
   */
  peek(request: PeekRequest): Promise<RegionEvent[]>;
  /** Drops the `count` oldest events. */
  remove(count: number): void;
  /** Flags the `count` oldest events possibleDuplicate (they may have reached the receiver). */
  markPossibleDuplicate(count: number): void;
  /** Resolves once every event enqueued so far would survive the process being killed. */
  durable(): Promise<void>;
  /** Resolves once every change so far is on disk, whatever diskSynchronous says. */
  committed(): Promise<void>;
  stats(): QueueStats;
  /** Drops every event (a stopped non-persistent sender loses its queue). */
  clear(): void;
  close(): Promise<void>;
}

export function emptyQueueStats(): QueueStats {
  return {
    size: 0,
    inMemory: 0,
    onDisk: 0,
    bytesInMemory: 0,
    bytesOnDisk: 0,
    eventsConflated: 0,
    eventsOverflowed: 0,
  };
}

export function addQueueStats(total: QueueStats, part: QueueStats): QueueStats {
  return {
    size: total.size + part.size,
    inMemory: total.inMemory + part.inMemory,
    onDisk: total.onDisk + part.onDisk,
    bytesInMemory: total.bytesInMemory + part.bytesInMemory,
    bytesOnDisk: total.bytesOnDisk + part.bytesOnDisk,
    eventsConflated: total.eventsConflated + part.eventsConflated,
    eventsOverflowed: total.eventsOverflowed + part.eventsOverflowed,
  };
}
