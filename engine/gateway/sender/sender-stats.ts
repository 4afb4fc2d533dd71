/**
 * Counters after Geode's GatewaySenderMXBean / GatewaySenderStatistics; names and units are
 * documented in docs/architecture.md ("Sender statistics"). Totals since the sender was
 * created; they survive stop and start, not a member restart.
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
  /** Failed events kept in the queue and sent again (removeFromQueueOnException false). */
  eventsRetried: number;
  /** Events larger than the receiver's frame limit, removed from the queue (issue 14). */
  eventsTooLarge: number;
  /** Events a gateway event filter kept out of the queue or out of a batch (issue 15). */
  eventsFiltered: number;
  /** Events that were in the queue longer than alertThresholdMs when acknowledged. */
  eventsExceedingAlertThreshold: number;
  /** Batches written to a receiver connection, first sends and resends alike. */
  batchesDispatched: number;
  /** Batches the receiver acknowledged. */
  batchesAcknowledged: number;
  /** Batches sent again after a lost connection or a missing ack (BATCH-2, BATCH-4). */
  batchesRedistributed: number;
  /** TX-3: acknowledged batches holding events of a transaction but not its last event. */
  batchesWithIncompleteTransactions: number;
  /** Batches split in halves to fit the receiver's frame limit (Geode's batchesResized). */
  batchesResized: number;
  /** Attempts to reach a receiver of the remote site (SEND-10, SEND-11, BATCH-5). */
  connectAttempts: number;
  /** Attempts that found no reachable receiver. */
  connectFailures: number;
  /** Sum of send-to-ack times of acknowledged batches, ms. */
  batchDistributionTimeMs: number;
}

/** What the control API reports: the counters plus queue totals and derived figures. */
export interface SenderStatistics extends SenderCounters {
  /** QUEUE-5: queued updates replaced by a newer update of their key. */
  eventsConflated: number;
  /** QUEUE-1: events written to disk because the queue's memory was full. */
  eventsOverflowedToDisk: number;
  /** batchDistributionTimeMs over batchesAcknowledged, ms; 0 before the first ack. */
  averageBatchDistributionTimeMs: number;
}

export function emptyCounters(): SenderCounters {
  return {
    eventsReceived: 0,
    eventsQueued: 0,
    eventsNotQueued: 0,
    eventsDistributed: 0,
    eventsFailed: 0,
    eventsRetried: 0,
    eventsTooLarge: 0,
    eventsFiltered: 0,
    eventsExceedingAlertThreshold: 0,
    batchesDispatched: 0,
    batchesAcknowledged: 0,
    batchesRedistributed: 0,
    batchesWithIncompleteTransactions: 0,
    batchesResized: 0,
    connectAttempts: 0,
    connectFailures: 0,
    batchDistributionTimeMs: 0,
  };
}
