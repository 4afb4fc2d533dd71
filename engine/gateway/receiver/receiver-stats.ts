/** Counters after Geode's GatewayReceiverStatistics; totals since the receiver was created. */
export interface ReceiverCounters {
  connectionsAccepted: number;
  handshakesRefused: number;
  batchesReceived: number;
  /** Batches whose id was not above the last one acknowledged on the connection. */
  duplicateBatchesReceived: number;
  outOfOrderBatchesReceived: number;
  eventsReceived: number;
  eventsApplied: number;
  /** Events the conflict rule (or a resolver) discarded: CONS-4. */
  eventsDiscardedByConflict: number;
  /** Events already applied, dropped by event id. */
  duplicatesDropped: number;
  possibleDuplicatesReceived: number;
  /** Events reported back as failures (BATCH-3): unknown region, apply errors. */
  exceptions: number;
  /** Connections closed for a malformed or oversized frame. */
  protocolErrors: number;
}

export function emptyReceiverCounters(): ReceiverCounters {
  return {
    connectionsAccepted: 0,
    handshakesRefused: 0,
    batchesReceived: 0,
    duplicateBatchesReceived: 0,
    outOfOrderBatchesReceived: 0,
    eventsReceived: 0,
    eventsApplied: 0,
    eventsDiscardedByConflict: 0,
    duplicatesDropped: 0,
    possibleDuplicatesReceived: 0,
    exceptions: 0,
    protocolErrors: 0,
  };
}
