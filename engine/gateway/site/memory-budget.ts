/**
 * QUEUE-1 for a parallel sender: the bytes of queued events one member keeps in memory, over
 * all its bucket queues (primary and redundant copies alike), as Geode bounds a parallel
 * queue's region per member by maximumQueueMemory. Past the bound, new events wait on disk.
 */
export class MemoryBudget {
  readonly maxBytes: number;
  usedBytes = 0;
  /** Events whose body went to disk because the budget was exceeded, in total. */
  eventsOverflowed = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get exceeded(): boolean {
    return this.usedBytes > this.maxBytes;
  }
}
