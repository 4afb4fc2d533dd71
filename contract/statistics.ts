import { Type, type Static, type TInteger, type TNumber, type TObject } from '@sinclair/typebox';

/** The unit of a statistic; the contract test checks every engine reports each one. */
export type StatisticUnit = 'events' | 'batches' | 'bytes' | 'ms' | 'attempts' | 'connections';

export interface StatisticDeclaration {
  unit: StatisticUnit;
  /** Whether it can have a fractional part (an average). */
  fractional?: boolean;
  /** Geode's name for it (GatewaySenderMXBean, GatewayReceiverMXBean, statistics), if any. */
  geode?: string;
  meaning: string;
}

type Declarations = Record<string, StatisticDeclaration>;

/**
 * Sender statistics (`stats` of GET /v1/senders/:id), after Geode's GatewaySenderMXBean.
 * Counts are totals since the member started; they survive a sender's stop and start.
 */
export const SENDER_STATISTICS = {
  eventsReceived: {
    unit: 'events',
    geode: 'eventsReceived',
    meaning: 'events handed to the sender',
  },
  eventsQueued: { unit: 'events', geode: 'eventsQueued', meaning: 'events put in its queue' },
  eventsNotQueued: {
    unit: 'events',
    geode: 'notQueuedEvent',
    meaning: 'events routed elsewhere (loop prevention) or reaching a stopped sender',
  },
  eventsDistributed: {
    unit: 'events',
    geode: 'eventsDistributed',
    meaning: 'events that left the queue on an ack',
  },
  eventsFailed: {
    unit: 'events',
    meaning: 'events a receiver reported as failed (BATCH-3), or too large for its frames',
  },
  eventsRetried: {
    unit: 'events',
    meaning: 'failed events kept in the queue and sent again (removeFromQueueOnException false)',
  },
  eventsTooLarge: {
    unit: 'events',
    meaning: "events larger than the receiver's frame limit, removed from the queue",
  },
  eventsFiltered: {
    unit: 'events',
    geode: 'eventsFiltered',
    meaning: 'events a gateway event filter kept out of the queue or out of a batch (issue 15)',
  },
  eventsExceedingAlertThreshold: {
    unit: 'events',
    geode: 'getEventsExceedingAlertThreshold',
    meaning: 'events older than alertThresholdMs when sent',
  },
  batchesDispatched: { unit: 'batches', meaning: 'batches written, first sends and resends' },
  batchesAcknowledged: {
    unit: 'batches',
    geode: 'getTotalBatchesDistributed',
    meaning: 'batches a receiver acknowledged',
  },
  batchesRedistributed: {
    unit: 'batches',
    geode: 'getTotalBatchesRedistributed',
    meaning: 'batches sent again',
  },
  batchesWithIncompleteTransactions: {
    unit: 'batches',
    geode: 'getTotalBatchesWithIncompleteTransactions',
    meaning: 'batches holding events of a transaction but not its last (TX-3)',
  },
  batchesResized: {
    unit: 'batches',
    geode: 'batchesResized',
    meaning: "batches split in halves to fit the receiver's frame limit",
  },
  connectAttempts: { unit: 'attempts', meaning: 'attempts to reach a receiver (SEND-10, BATCH-5)' },
  connectFailures: { unit: 'attempts', meaning: 'attempts that failed' },
  batchDistributionTimeMs: {
    unit: 'ms',
    fractional: true,
    meaning: 'send-to-ack time, summed over batches',
  },
  eventsConflated: {
    unit: 'events',
    geode: 'getTotalEventsConflated',
    meaning: 'queued updates replaced by a newer one (QUEUE-5)',
  },
  eventsOverflowedToDisk: { unit: 'events', meaning: 'events written to disk for want of memory' },
  averageBatchDistributionTimeMs: {
    unit: 'ms',
    fractional: true,
    geode: 'getAverageDistributionTimePerBatch',
    meaning: 'average send-to-ack time of a batch',
  },
} as const satisfies Declarations;

/** A sender's queue (`queue` of GET /v1/senders/:id): what it holds now. */
export const QUEUE_STATISTICS = {
  size: { unit: 'events', geode: 'getEventQueueSize', meaning: 'events queued' },
  inMemory: { unit: 'events', meaning: 'events held in memory' },
  onDisk: { unit: 'events', geode: 'getEntriesOverflowedToDisk', meaning: 'events held on disk' },
  bytesInMemory: { unit: 'bytes', meaning: 'estimated bytes of the events in memory' },
  bytesOnDisk: {
    unit: 'bytes',
    geode: 'getBytesOverflowedToDisk',
    meaning: 'estimated bytes of the events on disk',
  },
  eventsConflated: { unit: 'events', meaning: 'updates conflated away by this queue' },
  eventsOverflowed: {
    unit: 'events',
    meaning: 'events this queue wrote to disk for want of memory',
  },
} as const satisfies Declarations;

/** Gateway receiver statistics (`stats` of GET /v1/receiver), totals since the member started. */
export const RECEIVER_STATISTICS = {
  connectionsAccepted: { unit: 'connections', meaning: 'sender connections accepted' },
  handshakesRefused: { unit: 'connections', meaning: 'senders refused (version or site)' },
  batchesReceived: { unit: 'batches', geode: 'batchesReceived', meaning: 'batches received' },
  duplicateBatchesReceived: {
    unit: 'batches',
    geode: 'duplicateBatchesReceived',
    meaning: 'batches whose events were all applied before',
  },
  outOfOrderBatchesReceived: {
    unit: 'batches',
    geode: 'outoforderBatchesReceived',
    meaning: 'batches whose id was not the next expected',
  },
  eventsReceived: { unit: 'events', geode: 'eventsReceived', meaning: 'events received' },
  eventsApplied: { unit: 'events', meaning: 'events applied to a region' },
  eventsDiscardedByConflict: {
    unit: 'events',
    meaning: 'events the conflict rule or a resolver kept out (CONS-4, CONS-6)',
  },
  duplicatesDropped: { unit: 'events', meaning: 'events dropped as already applied' },
  possibleDuplicatesReceived: {
    unit: 'events',
    geode: 'possibleduplicateEventsReceived',
    meaning: 'events flagged possibleDuplicate',
  },
  exceptions: { unit: 'events', geode: 'exceptionsOccurred', meaning: 'events that failed' },
  protocolErrors: {
    unit: 'connections',
    meaning: 'connections closed for a bad frame or message',
  },
} as const satisfies Declarations;

/** Per-region WAN conflict counters (`stats` of GET /v1/regions/:region/conflicts). */
export const CONFLICT_STATISTICS = {
  remoteEventsChecked: { unit: 'events', meaning: 'events received from another site' },
  appliedWithoutConflict: {
    unit: 'events',
    meaning: "applied without a conflict: a new key, or a change from the entry's last writer",
  },
  appliedByDefaultRule: {
    unit: 'events',
    meaning: 'applied because the default rule found it newer',
  },
  discardedAsOlder: { unit: 'events', meaning: 'discarded as older than the entry (CONS-4)' },
  resolverCalls: { unit: 'events', meaning: "calls of the region's resolver (CONS-6)" },
  resolverAllowed: { unit: 'events', meaning: 'resolver verdicts: apply' },
  resolverDisallowed: { unit: 'events', meaning: 'resolver verdicts: keep the entry' },
  resolverChanged: { unit: 'events', meaning: 'resolver verdicts: apply a changed value' },
  resolverErrors: { unit: 'events', meaning: 'the resolver threw or answered no verdict' },
} as const satisfies Declarations;

/**
 * Transport filters (issue 15, `transport` of a sender status and of a receiver status): only
 * engines with the capability transport-compression report them, so they are not in
 * STATISTICS, which every engine must report.
 */
export const SENDER_TRANSPORT_STATISTICS = {
  batchBytesBeforeCompression: {
    unit: 'bytes',
    meaning: 'payload bytes of the batches written, before compression',
  },
  batchBytesOnWire: {
    unit: 'bytes',
    meaning: 'payload bytes of the batch frames written, as they went on the wire',
  },
} as const satisfies Declarations;

export const RECEIVER_TRANSPORT_STATISTICS = {
  batchBytesOnWire: { unit: 'bytes', meaning: 'compressed payload bytes of the batches received' },
  batchBytesDecompressed: { unit: 'bytes', meaning: 'the same batches once decompressed' },
  transportMismatches: {
    unit: 'connections',
    meaning: 'senders refused for another transport.compression (WAN_ERR_TRANSPORT_MISMATCH)',
  },
} as const satisfies Declarations;

type CounterSchemas<D extends Declarations> = {
  -readonly [K in keyof D]: D[K] extends { fractional: true } ? TNumber : TInteger;
};

/** A statistics object whose every declared field is a number of its unit. */
function countersSchema<D extends Declarations>(
  declarations: D,
  description: string,
): TObject<CounterSchemas<D>> {
  const properties = Object.fromEntries(
    Object.entries(declarations).map(([name, d]) => {
      const options = { minimum: 0, description: `${d.meaning} (${d.unit})` };
      return [name, d.fractional ? Type.Number(options) : Type.Integer(options)];
    }),
  ) as CounterSchemas<D>;
  return Type.Object(properties, { description });
}

export const SenderStatisticsSchema = countersSchema(SENDER_STATISTICS, 'sender statistics');
export type SenderStatistics = Static<typeof SenderStatisticsSchema>;
export const QueueStatisticsSchema = countersSchema(QUEUE_STATISTICS, 'sender queue');
export type QueueStatistics = Static<typeof QueueStatisticsSchema>;
export const ReceiverStatisticsSchema = countersSchema(RECEIVER_STATISTICS, 'receiver statistics');
export type ReceiverStatistics = Static<typeof ReceiverStatisticsSchema>;
export const ConflictStatisticsSchema = countersSchema(CONFLICT_STATISTICS, 'conflict counters');
export type ConflictStatistics = Static<typeof ConflictStatisticsSchema>;

/** Every statistic of the contract with its unit, by the object that holds it. */
export const STATISTICS = {
  sender: SENDER_STATISTICS,
  queue: QUEUE_STATISTICS,
  receiver: RECEIVER_STATISTICS,
  conflicts: CONFLICT_STATISTICS,
} as const;
