/**
 * Counters after Geode's GatewaySenderMXBean / GatewaySenderStatistics; names and units are
 * documented in docs/architecture.md. Counts are totals since the sender was created.
 */
export interface SenderCounters {
  /** Events the region handed to this sender. */
  eventsReceived: number;
  /** Events put in the queue. */
  eventsQueued: number;
  /** Events not queued: loop prevention (DIST-1) or the sender was stopped. */
  eventsNotQueued: number;
  /** Events removed from the queue after an ack, applied or failed. */
  eventsDistributed: number;
  /** Events the receiver reported as failed in an ack (BATCH-3). */
  eventsFailed: number;
  batchesDispatched: number;
  /** Batches sent again after a lost connection or a missing ack (BATCH-2, BATCH-4). */
  batchesRedistributed: number;
  /** Connection attempts that found no receiver (BATCH-5). */
  connectFailures: number;
}

export function emptyCounters(): SenderCounters {
  return {
    eventsReceived: 0,
    eventsQueued: 0,
    eventsNotQueued: 0,
    eventsDistributed: 0,
    eventsFailed: 0,
    batchesDispatched: 0,
    batchesRedistributed: 0,
    connectFailures: 0,
  };
}
