import { Type, type Static } from '@sinclair/typebox';
import { SenderDefinitionSchema } from '../sender-attributes.js';
import { QueueStatisticsSchema, SenderStatisticsSchema } from '../statistics.js';
import { SenderTransportStatusSchema } from '../transport.js';
import { EventIdSchema } from './common.js';

export const SenderStateSchema = Type.Union([
  Type.Literal('running'),
  Type.Literal('paused'),
  Type.Literal('stopped'),
]);
export type SenderState = Static<typeof SenderStateSchema>;

/** One dispatcher lane: its physical queue and its connection (SEND-8). */
export const DispatcherStatusSchema = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  connected: Type.Boolean(),
  receiver: Type.Optional(Type.String({ description: 'the address this lane dials' })),
  queueSize: Type.Integer({ minimum: 0, description: 'events' }),
  inFlightEvents: Type.Integer({
    minimum: 0,
    description: 'events of the batch sent and not yet acknowledged (PAUSE-4)',
  }),
  batchesDispatched: Type.Integer({ minimum: 0, description: 'batches' }),
  eventsDistributed: Type.Integer({ minimum: 0, description: 'events' }),
});
export type DispatcherStatus = Static<typeof DispatcherStatusSchema>;

const EventRef = Type.Object({ region: Type.String(), key: Type.String(), eventId: EventIdSchema });

/** One event a receiver reported as failed (BATCH-3). */
export const FailureRecordSchema = Type.Object({
  atMs: Type.Number({ description: 'wall-clock ms at which the ack arrived' }),
  dispatcher: Type.Integer({ minimum: 0 }),
  region: Type.String(),
  key: Type.String(),
  eventId: EventIdSchema,
  code: Type.String(),
  message: Type.String(),
  lastApplied: Type.Optional(EventRef),
});
export type FailureRecord = Static<typeof FailureRecordSchema>;

/** One gateway event filter of a sender on this member: what it counted itself. */
export const FilterStatusSchema = Type.Object({
  module: Type.String({ description: 'the module, as configured' }),
  stats: Type.Record(Type.String(), Type.Number(), {
    description: "the filter's own counters (its stats()); empty when it has none",
  }),
  errors: Type.Integer({
    minimum: 0,
    description: 'hooks that threw; the event went on as if the hook had said true',
  }),
});
export type FilterStatus = Static<typeof FilterStatusSchema>;

/** GET /v1/senders/:id, and the answer of every sender action. */
export const SenderStatusSchema = Type.Object({
  id: Type.String(),
  remoteDistributedSystemId: Type.Integer(),
  parallel: Type.Boolean(),
  state: SenderStateSchema,
  running: Type.Boolean(),
  paused: Type.Boolean(),
  primary: Type.Boolean({
    description: 'only a primary dispatches; a serial sender on one member is always primary',
  }),
  connected: Type.Boolean(),
  receiver: Type.Optional(Type.String({ description: 'the address dialled (a proxy)' })),
  queue: QueueStatisticsSchema,
  stats: SenderStatisticsSchema,
  dispatchers: Type.Array(DispatcherStatusSchema),
  attributes: SenderDefinitionSchema,
  recentFailures: Type.Array(FailureRecordSchema, { description: 'the latest, oldest first' }),
  buckets: Type.Optional(
    Type.Object(
      { primary: Type.Integer({ minimum: 0 }), copies: Type.Integer({ minimum: 0 }) },
      { description: 'parallel senders: bucket queues this member holds' },
    ),
  ),
  eventsDropped: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'events dropped because the sender was stopped (STOP-4)',
    }),
  ),
  filters: Type.Optional(
    Type.Array(FilterStatusSchema, {
      description: "the sender's gateway event filters on this member, in order (issue 15)",
    }),
  ),
  transport: Type.Optional(SenderTransportStatusSchema),
});
export type SenderStatus = Static<typeof SenderStatusSchema>;

export const SenderListSchema = Type.Object({ senders: Type.Array(SenderStatusSchema) });
export type SenderList = Static<typeof SenderListSchema>;

/** One event a stopped parallel sender dropped (STOP-4). */
export const DroppedEventSchema = Type.Object({
  region: Type.String(),
  key: Type.String(),
  bucket: Type.Optional(Type.Integer({ minimum: 0 })),
  eventId: EventIdSchema,
  atMs: Type.Number(),
});
export type DroppedEvent = Static<typeof DroppedEventSchema>;

export const DroppedEventsSchema = Type.Object({
  total: Type.Integer({ minimum: 0, description: 'every drop, listed or not' }),
  events: Type.Array(DroppedEventSchema, { description: 'the latest, bounded' }),
});
export type DroppedEvents = Static<typeof DroppedEventsSchema>;
