import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { JAVA_INT_MAX, TIMER_LIMIT_MS } from './limits.js';
import { TransportSettingsSchema } from './transport.js';

/**
 * Every gateway sender attribute, declared once: its name (with its unit), what it means,
 * its default (the seed documents first, then Geode's code: ../shared/reference/geode-wan.md
 * §1.1) and its bounds (Geode's where it has one; where Geode takes any Java int, a bound
 * that keeps the engine working). The engine's member configuration, the topology schema, the
 * PATCH route and the defaults are all derived from this table.
 */
export const SENDER_ATTRIBUTES = {
  parallel: Type.Boolean({
    default: false,
    description:
      'A queue per bucket on every member that hosts the region (parallel), instead of one queue dispatched by a primary member (serial). Geode `parallel`, default false.',
  }),
  batchSize: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 100,
    description:
      'Events per batch, at most. Geode `batch-size`, default 100, alterable at runtime. Bounded so one batch stays well inside a receiver frame.',
  }),
  batchTimeIntervalMs: Type.Integer({
    minimum: 1,
    maximum: TIMER_LIMIT_MS - 1,
    default: 1000,
    description:
      'How long a part-filled batch waits after its oldest event was queued, in ms. Geode `batch-time-interval`, default 1000, alterable at runtime. Below 2^31-1: it is a timer.',
  }),
  dispatcherThreads: Type.Integer({
    minimum: 1,
    maximum: 64,
    default: 5,
    description:
      'Dispatchers (lanes: queue, connection, batch loop) per member. Geode `dispatcher-threads`, default 5; Geode refuses less than 1. Each lane holds a receiver connection, so at most 64.',
  }),
  orderPolicy: Type.Union(
    [Type.Literal('key'), Type.Literal('thread'), Type.Literal('partition')],
    {
      default: 'key',
      description:
        'Which lane an event takes when there are several dispatchers: by key, by originating thread (serial only) or by bucket. Geode `order-policy`, default KEY.',
    },
  ),
  maximumQueueMemoryMb: Type.Number({
    exclusiveMinimum: 0,
    maximum: 16_384,
    default: 100,
    description:
      'Memory the queue may use before it overflows to disk, in MiB (a serial sender splits it over its dispatchers). Geode `maximum-queue-memory`, default 100. At most 16 GiB: the queue lives in the process heap.',
  }),
  persistent: Type.Boolean({
    default: false,
    description:
      'The queue survives a restart (on disk). Geode `enable-persistence`, default false.',
  }),
  diskSynchronous: Type.Boolean({
    default: true,
    description:
      'A write to a persistent queue answers once it is on disk. Geode `disk-synchronous`, default true.',
  }),
  batchConflation: Type.Boolean({
    default: false,
    description:
      'A queued update replaces the older queued update of its key. Geode `enable-batch-conflation`, default false.',
  }),
  removeFromQueueOnException: Type.Boolean({
    default: true,
    description:
      'An event the receiver fails to apply leaves the queue (true: counted and listed in recentFailures) or stays and is sent again after retryIntervalMs until it applies (false). Geode `remove-from-queue-on-exception`, default true.',
  }),
  groupTransactionEvents: Type.Boolean({
    default: false,
    description:
      "A transaction's events travel in one batch. Geode `group-transaction-events`, default false, alterable at runtime.",
  }),
  retryIntervalMs: Type.Integer({
    minimum: 1,
    maximum: TIMER_LIMIT_MS - 1,
    default: 5000,
    description:
      'Wait between attempts to reach a receiver when none answers, in ms. The seeds say 5000; Geode retries about every 100 ms. Below 2^31-1: it is a timer.',
  }),
  maximumShutdownWaitS: Type.Integer({
    minimum: -1,
    maximum: Math.floor((TIMER_LIMIT_MS - 1) / 1000),
    default: 0,
    description:
      'How long a stop waits for the queue to drain, in s; -1 waits until it is empty. Geode `GatewaySender.MAXIMUM_SHUTDOWN_WAIT_TIME`, default 0. In ms it stays below 2^31-1: it is a timer.',
  }),
  manualStart: Type.Boolean({
    default: false,
    description:
      'The sender waits for a start instead of starting with its member. Geode `manual-start`, default false.',
  }),
  socketReadTimeoutMs: Type.Integer({
    minimum: 0,
    maximum: TIMER_LIMIT_MS - 1,
    default: 0,
    description:
      'How long a sender waits for an ack before it sends the batch again, in ms; 0 waits forever. Geode `socket-read-timeout`, default 0 (Geode raises a non-zero value below 30000 to 30000).',
  }),
  connectTimeoutMs: Type.Integer({
    minimum: 1,
    maximum: TIMER_LIMIT_MS - 1,
    default: 5000,
    description:
      'How long one attempt to connect to a receiver may take, in ms. Below 2^31-1: it is a timer.',
  }),
  alertThresholdMs: Type.Integer({
    minimum: 0,
    maximum: JAVA_INT_MAX,
    default: 0,
    description:
      'An event queued longer than this when it is sent is counted (eventsExceedingAlertThreshold), in ms; 0 turns it off. Geode `alert-threshold`, default 0, alterable at runtime.',
  }),
} as const;

export type SenderAttributeName = keyof typeof SENDER_ATTRIBUTES;

/** Every attribute, each filled with its default when absent (ajv `useDefaults`). */
export const SenderAttributesSchema = Type.Object(SENDER_ATTRIBUTES, {
  additionalProperties: false,
});
export type SenderAttributes = Static<typeof SenderAttributesSchema>;
export type OrderPolicy = SenderAttributes['orderPolicy'];

export const SENDER_ATTRIBUTE_NAMES = Object.keys(SENDER_ATTRIBUTES) as SenderAttributeName[];

/** Every attribute's default, read from the declarations above. */
export const SENDER_DEFAULTS: Readonly<SenderAttributes> = Object.freeze(
  Object.fromEntries(
    SENDER_ATTRIBUTE_NAMES.map((name) => [name, (SENDER_ATTRIBUTES[name] as TSchema).default]),
  ) as SenderAttributes,
);

/** Attributes a running sender may change (Geode 1.15 `alter gateway-sender`). */
export const ALTERABLE_SENDER_ATTRIBUTES = [
  'batchSize',
  'batchTimeIntervalMs',
  'alertThresholdMs',
  'groupTransactionEvents',
] as const satisfies readonly SenderAttributeName[];

/**
 * The same declaration, optional and without its default: for what a user writes (a
 * topology says only what it means) and for changes (a default would undo a change).
 */
function optional<S extends TSchema>(schema: S): S {
  const { default: _default, ...rest } = schema as S & { default?: unknown };
  return rest as S;
}

/** The attributes as a topology states them: any of them, no defaults filled in. */
export const SenderAttributesSpecSchema = Type.Partial(
  Type.Object(
    Object.fromEntries(
      SENDER_ATTRIBUTE_NAMES.map((name) => [name, optional(SENDER_ATTRIBUTES[name])]),
    ) as {
      [K in SenderAttributeName]: (typeof SENDER_ATTRIBUTES)[K];
    },
    { additionalProperties: false },
  ),
);

/** PATCH /v1/senders/:id: one or more of the alterable attributes. */
export const SenderAlterationSchema = Type.Partial(
  Type.Object(
    Object.fromEntries(
      ALTERABLE_SENDER_ATTRIBUTES.map((name) => [name, optional(SENDER_ATTRIBUTES[name])]),
    ) as {
      [K in (typeof ALTERABLE_SENDER_ATTRIBUTES)[number]]: (typeof SENDER_ATTRIBUTES)[K];
    },
  ),
  { additionalProperties: false, minProperties: 1 },
);
export type SenderAlteration = Static<typeof SenderAlterationSchema>;

/** A sender's identity: its id and the site it sends to. */
export const SenderIdSchema = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_.-]+$',
  description: 'The sender id, the same on every member of its site.',
});

export const DistributedSystemIdSchema = Type.Integer({
  minimum: 0,
  maximum: 255,
  description: "A site's distributed-system-id.",
});

/** Gateway event filters one sender may have (each a module loaded at start). */
export const EVENT_FILTERS_PER_SENDER_MAX = 16;

/** A gateway event filter module (contract/event-filter-api.ts) and its options. */
export const EventFilterConfigSchema = Type.Object(
  {
    module: Type.String({
      minLength: 1,
      description:
        'Absolute path of a .js, .mjs or .ts module exporting createEventFilter(options).',
    }),
    options: Type.Record(Type.String(), Type.Unknown(), {
      default: {},
      description: 'Passed to createEventFilter as is.',
    }),
  },
  { additionalProperties: false },
);
export type EventFilterConfig = Static<typeof EventFilterConfigSchema>;

/** One sender as an engine runs it: id, remote site and every attribute. */
export const SenderDefinitionSchema = Type.Object(
  {
    id: SenderIdSchema,
    remoteDistributedSystemId: DistributedSystemIdSchema,
    ...SENDER_ATTRIBUTES,
    eventFilters: Type.Optional(
      Type.Array(EventFilterConfigSchema, {
        maxItems: EVENT_FILTERS_PER_SENDER_MAX,
        description:
          'Gateway event filters, called in order (Geode `gateway-event-filter`); absent: none. An event is filtered when any of them says false.',
      }),
    ),
    transport: Type.Optional(TransportSettingsSchema),
  },
  { additionalProperties: false },
);
export type SenderConfig = Static<typeof SenderDefinitionSchema>;
