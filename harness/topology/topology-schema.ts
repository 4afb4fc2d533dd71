import { Type, type Static } from '@sinclair/typebox';
import {
  SiteSecretSchema,
  CLOCK_OFFSET_LIMIT_MS,
  PORT_MAX,
  RECEIVER_PING_WAIT_MIN_MS,
  EVENT_FILTERS_PER_SENDER_MAX,
  SENDERS_PER_MEMBER_MAX,
  SITE_TIMER_MAX_MS,
  SITE_TIMER_MIN_MS,
  SenderAttributesSpecSchema,
  SenderIdSchema,
  TIMER_LIMIT_MS,
  UNPRIVILEGED_PORT_MIN,
} from '../../contract/index.js';

/**
 * The topology file, as users write it. Sender attributes are the contract's
 * (contract/sender-attributes.ts, declared once with unit, default and bounds), receiver
 * attributes carry the same names as an engine's, so one set of rules checks both; defaults
 * are filled in by resolve-topology.ts, not here, so a file says only what it means.
 */
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_-]*$' });

/** A plug-in module, relative to the topology file, with the options it is created with. */
const PluginModuleSchema = Type.Union([
  Type.String({ minLength: 1, description: 'The module, relative to the topology file.' }),
  Type.Object(
    {
      module: Type.String({
        minLength: 1,
        description: 'The module, relative to the topology file.',
      }),
      options: Type.Optional(
        Type.Record(Type.String(), Type.Unknown(), {
          description: "Passed to the module's factory as is.",
        }),
      ),
    },
    { additionalProperties: false },
  ),
]);
export type PluginModuleSpec = Static<typeof PluginModuleSchema>;

/** A site's sender: its id, its remote site, and any attribute of the contract's table. */
const SenderSchema = Type.Object(
  {
    id: SenderIdSchema,
    /** The remote site, by name or distributed-system-id. */
    remoteSite: Type.Union([Name, Type.Integer({ minimum: 0, maximum: 255 })]),
    ...SenderAttributesSpecSchema.properties,
    eventFilters: Type.Optional(
      Type.Array(PluginModuleSchema, {
        maxItems: EVENT_FILTERS_PER_SENDER_MAX,
        description:
          'Gateway event filters (Geode `gateway-event-filter`), called in order: modules exporting createEventFilter(options) (docs/event-filters.md). The same on every member of the site.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SenderSpec = Static<typeof SenderSchema>;

const SenderDefaultsSchema = Type.Omit(SenderSchema, ['id', 'remoteSite'], {
  additionalProperties: false,
});

const PortRangeSchema = Type.Object(
  {
    start: Type.Integer({ minimum: UNPRIVILEGED_PORT_MIN, maximum: PORT_MAX }),
    end: Type.Integer({ minimum: UNPRIVILEGED_PORT_MIN, maximum: PORT_MAX }),
  },
  { additionalProperties: false },
);

const ReceiverSchema = Type.Object(
  {
    /** Absent: the harness picks one free port per member. */
    portRange: Type.Optional(PortRangeSchema),
    manualStart: Type.Optional(Type.Boolean()),
    maximumTimeBetweenPingsMs: Type.Optional(
      Type.Integer({ minimum: RECEIVER_PING_WAIT_MIN_MS, maximum: TIMER_LIMIT_MS - 1 }),
    ),
    /** After a failed event: `stop` the batch there (seed 003) or `continue` (Geode). */
    onEventFailure: Type.Optional(Type.Union([Type.Literal('stop'), Type.Literal('continue')])),
  },
  { additionalProperties: false },
);

/** A resolver module, relative to the topology file, with the options it is created with. */
const ResolverSchema = Type.Union([
  Type.String({ minLength: 1 }),
  Type.Object(
    {
      module: Type.String({ minLength: 1 }),
      options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    },
    { additionalProperties: false },
  ),
]);
export type ResolverSpec = Static<typeof ResolverSchema>;

const ConflictSchema = Type.Object(
  {
    resolver: Type.Optional(ResolverSchema),
    forwardedEventDsid: Type.Optional(
      Type.Union([Type.Literal('origin'), Type.Literal('last-hop')]),
    ),
    onResolverError: Type.Optional(
      Type.Union([Type.Literal('discard'), Type.Literal('default-rule')]),
    ),
  },
  { additionalProperties: false },
);

const RegionSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' }),
    /** Geode's data policies: contract/region-definition.ts (RegionTypeSchema). */
    type: Type.Optional(
      Type.Union([
        Type.Literal('replicated'),
        Type.Literal('partitioned'),
        Type.Literal('normal'),
        Type.Literal('preloaded'),
      ]),
    ),
    senders: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    totalBuckets: Type.Optional(Type.Integer({ minimum: 1, maximum: 1024 })),
    redundantCopies: Type.Optional(Type.Integer({ minimum: 0, maximum: 3 })),
    /** SEND-13: a normal or preloaded region takes parallel senders (seed 001) or refuses them (Geode). */
    parallelSenders: Type.Optional(Type.Union([Type.Literal('accept'), Type.Literal('refuse')])),
    colocatedWith: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_.-]+$',
        description:
          'Partitioned regions only: the partitioned region of this site whose buckets this one shares (Geode `colocated-with`); same totalBuckets and redundantCopies. A parallel sender may serve several partitioned regions only when they are colocated.',
      }),
    ),
    /** WAN conflict settings (CONS-4..7); contract/conflict-settings.ts. */
    conflict: Type.Optional(ConflictSchema),
  },
  { additionalProperties: false },
);
export type RegionSpec = Static<typeof RegionSchema>;

/** A member's own definition of one of its site's senders: the id plus what it sets itself. */
const MemberSenderSchema = Type.Object(
  {
    ...Type.Partial(Type.Omit(SenderSchema, ['id', 'eventFilters'])).properties,
    id: SenderSchema.properties.id,
  },
  { additionalProperties: false },
);
export type MemberSenderSpec = Static<typeof MemberSenderSchema>;

const MemberSchema = Type.Union([
  Name,
  Type.Object(
    {
      name: Name,
      /** The site the member belongs to; optional, and must be the site that lists it. */
      site: Type.Optional(Name),
      /** Default true: the member hosts the site's gateway receiver. */
      receiver: Type.Optional(Type.Boolean()),
      /**
       * Which of the site's senders this member hosts (default all), by id or with attributes
       * of its own (Geode lets members differ in, e.g., batch size, but not in what makes
       * the sender what it is: see contract/site-compat.ts).
       */
      senders: Type.Optional(
        Type.Array(Type.Union([Type.String({ minLength: 1 }), MemberSenderSchema])),
      ),
    },
    { additionalProperties: false },
  ),
]);

const SiteSchema = Type.Object(
  {
    name: Name,
    /** The site's distributed-system-id (DISC-1). */
    id: Type.Integer({ minimum: 0, maximum: 255 }),
    /** Locator names; default one locator named `<site>-locator`. */
    locators: Type.Optional(Type.Array(Name)),
    members: Type.Array(MemberSchema, { minItems: 1 }),
    /** DISC-2: sites whose locators this site's locators contact; default all others. */
    remoteSites: Type.Optional(
      Type.Array(Type.Union([Name, Type.Integer({ minimum: 0, maximum: 255 })])),
    ),
    regions: Type.Optional(Type.Array(RegionSchema)),
    senders: Type.Optional(
      Type.Array(SenderSchema, {
        maxItems: SENDERS_PER_MEMBER_MAX,
        description: `The site's gateway senders; at most ${SENDERS_PER_MEMBER_MAX}, Geode's limit per member.`,
      }),
    ),
    receiver: Type.Optional(ReceiverSchema),
    /** Added to the wall clock of every member of the site, in ms (conflict scenarios). */
    clockOffsetMs: Type.Optional(
      Type.Integer({ minimum: -CLOCK_OFFSET_LIMIT_MS, maximum: CLOCK_OFFSET_LIMIT_MS }),
    ),
    /** DISC-6: a stopping locator tells connected sites (seeds); false: it does not (Geode). */
    announceLocatorShutdown: Type.Optional(Type.Boolean()),
    /** The site's credentials (issue 17); the top-level `security` turns authentication on. */
    security: Type.Optional(
      Type.Object(
        {
          /** The site's secret; absent: the harness generates one per deployment. */
          secret: Type.Optional(SiteSecretSchema),
          /**
           * The site's TLS files (PEM, relative to the topology file), with the top-level
           * `security.tls`; absent: the harness generates them from a throwaway CA.
           */
          tls: Type.Optional(
            Type.Object(
              {
                cert: Type.String({ minLength: 1 }),
                key: Type.String({ minLength: 1 }),
                ca: Type.String({ minLength: 1 }),
                requireClientCert: Type.Optional(Type.Boolean()),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SiteSpec = Static<typeof SiteSchema>;

const SiteTimerMs = Type.Integer({ minimum: SITE_TIMER_MIN_MS, maximum: SITE_TIMER_MAX_MS });

/** An engine by name: `wanlab` today (harness/engines/index.ts lists them). */
const EngineName = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' });

const EngineTuningSchema = Type.Object(
  {
    /** The engine that runs this topology (default wanlab). */
    name: Type.Optional(EngineName),
    logLevel: Type.Optional(
      Type.Union([
        Type.Literal('trace'),
        Type.Literal('debug'),
        Type.Literal('info'),
        Type.Literal('warn'),
        Type.Literal('error'),
      ]),
    ),
    locatorExchangeIntervalMs: Type.Optional(SiteTimerMs),
    memberHeartbeatIntervalMs: Type.Optional(SiteTimerMs),
    memberTimeoutMs: Type.Optional(SiteTimerMs),
  },
  { additionalProperties: false },
);

export const TopologySchema = Type.Object(
  {
    name: Name,
    description: Type.Optional(Type.String()),
    runtime: Type.Optional(Type.Union([Type.Literal('process'), Type.Literal('container')])),
    /** The engine's name, or its name and harness timings: `engine: wanlab` or `{ name, ... }`. */
    engine: Type.Optional(Type.Union([EngineName, EngineTuningSchema])),
    defaults: Type.Optional(
      Type.Object(
        { sender: Type.Optional(SenderDefaultsSchema), receiver: Type.Optional(ReceiverSchema) },
        { additionalProperties: false },
      ),
    ),
    sites: Type.Array(SiteSchema, { minItems: 1 }),
    /** Security of every link (issue 17, docs/security.md). */
    security: Type.Optional(
      Type.Object(
        {
          /**
           * true: every receiver, locator and peer port takes only handshakes proved with the
           * site secrets (sites' `security.secret`, generated when absent).
           */
          authentication: Type.Optional(Type.Boolean()),
          /**
           * true: every sender → receiver, locator ↔ locator and member ↔ member connection
           * is TLS, with each site's certificate (sites' `security.tls`, generated when absent).
           */
          tls: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TopologySpec = Static<typeof TopologySchema>;
