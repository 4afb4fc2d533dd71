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
  TransportSettingsSchema,
  UNPRIVILEGED_PORT_MIN,
} from '../../contract/index.js';
import { described } from '../config/described.js';

/**
 * The topology file, as users write it. Sender attributes are the contract's
 * (contract/sender-attributes.ts, declared once with unit, default and bounds), receiver
 * attributes carry the same names as an engine's, so one set of rules checks both; defaults
 * are filled in by resolve-topology.ts, not here, so a file says only what it means.
 */
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z][A-Za-z0-9_-]*$' });

/**
 * A plug-in module (a conflict resolver, an event filter): a path relative to the topology
 * file, or `{ module, options }` with the options its factory is created with.
 */
function pluginModuleSchema(what: string, options?: { description: string }) {
  const path = `The ${what} module, relative to the topology file.`;
  return Type.Union(
    [
      Type.String({ minLength: 1, description: path }),
      Type.Object(
        {
          module: Type.String({ minLength: 1, description: path }),
          options: Type.Optional(
            Type.Record(Type.String(), Type.Unknown(), {
              description: `Passed to the ${what}'s factory as is.`,
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ],
    options ?? {},
  );
}
const PluginModuleSchema = pluginModuleSchema('event filter');
export type PluginModuleSpec = Static<typeof PluginModuleSchema>;

/** A site's sender: its id, its remote site, and any attribute of the contract's table. */
const SenderSchema = Type.Object(
  {
    id: described(
      SenderIdSchema,
      "The sender's id, unique in its site; regions name it in `senders`.",
    ),
    remoteSite: Type.Union([Name, Type.Integer({ minimum: 0, maximum: 255 })], {
      description: 'The remote site this sender sends to, by name or distributed-system-id.',
    }),
    ...SenderAttributesSpecSchema.properties,
    eventFilters: Type.Optional(
      Type.Array(PluginModuleSchema, {
        maxItems: EVENT_FILTERS_PER_SENDER_MAX,
        description:
          'Gateway event filters (Geode `gateway-event-filter`), called in order: modules exporting createEventFilter(options) (docs/event-filters.md). The same on every member of the site.',
      }),
    ),
    transport: Type.Optional(TransportSettingsSchema),
  },
  { additionalProperties: false },
);
export type SenderSpec = Static<typeof SenderSchema>;

const SenderDefaultsSchema = Type.Omit(SenderSchema, ['id', 'remoteSite'], {
  additionalProperties: false,
});

const PortRangeSchema = Type.Object(
  {
    start: Type.Integer({
      minimum: UNPRIVILEGED_PORT_MIN,
      maximum: PORT_MAX,
      description: 'The first port the receiver may listen on.',
    }),
    end: Type.Integer({
      minimum: UNPRIVILEGED_PORT_MIN,
      maximum: PORT_MAX,
      description: 'The last port the receiver may listen on (at least `start`).',
    }),
  },
  {
    additionalProperties: false,
    description: 'Ports the gateway receiver picks from; absent: one free port per member.',
  },
);

const ReceiverSchema = Type.Object(
  {
    /** Absent: the harness picks one free port per member. */
    portRange: Type.Optional(PortRangeSchema),
    manualStart: Type.Optional(
      Type.Boolean({
        description: 'true: the receiver starts only when told to (control API or a step).',
      }),
    ),
    maximumTimeBetweenPingsMs: Type.Optional(
      Type.Integer({
        minimum: RECEIVER_PING_WAIT_MIN_MS,
        maximum: TIMER_LIMIT_MS - 1,
        description: 'A sender silent for longer than this is disconnected by the receiver.',
      }),
    ),
    /** After a failed event: `stop` the batch there (seed 003) or `continue` (Geode). */
    onEventFailure: Type.Optional(
      Type.Union([Type.Literal('stop'), Type.Literal('continue')], {
        description:
          'After an event fails to apply: `stop` the batch there (seed 003) or `continue` with the next event (Geode).',
      }),
    ),
    transport: Type.Optional(TransportSettingsSchema),
  },
  { additionalProperties: false, description: "The site's gateway receiver." },
);

/** A resolver module, relative to the topology file, with the options it is created with. */
const ResolverSchema = pluginModuleSchema('resolver', {
  description:
    'A conflict resolver: a module path relative to the topology file, or `{ module, options }` (docs/conflict-resolvers.md).',
});
export type ResolverSpec = Static<typeof ResolverSchema>;

const ConflictSchema = Type.Object(
  {
    resolver: Type.Optional(ResolverSchema),
    forwardedEventDsid: Type.Optional(
      Type.Union([Type.Literal('origin'), Type.Literal('last-hop')], {
        description:
          "The distributed-system-id a forwarded event carries in conflicts: its origin site's, or the last hop's.",
      }),
    ),
    onResolverError: Type.Optional(
      Type.Union([Type.Literal('discard'), Type.Literal('default-rule')], {
        description:
          'When the resolver throws: `discard` the incoming event, or decide by the `default-rule`.',
      }),
    ),
  },
  { additionalProperties: false, description: 'WAN conflict settings (CONS-4..7).' },
);

const RegionSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_.-]+$',
      description: 'The region name, the same at every site that replicates it.',
    }),
    /** Geode's data policies: contract/region-definition.ts (RegionTypeSchema). */
    type: Type.Optional(
      Type.Union(
        [
          Type.Literal('replicated'),
          Type.Literal('partitioned'),
          Type.Literal('normal'),
          Type.Literal('preloaded'),
        ],
        { description: "The region's data policy, as Geode's (default replicated)." },
      ),
    ),
    senders: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: "The ids of the site's senders this region's events go through.",
      }),
    ),
    totalBuckets: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1024,
        description: 'A partitioned region: how many buckets its keys hash into.',
      }),
    ),
    redundantCopies: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3,
        description: 'A partitioned region: copies of each bucket beside its primary.',
      }),
    ),
    /** SEND-13: a normal or preloaded region takes parallel senders (seed 001) or refuses them (Geode). */
    parallelSenders: Type.Optional(
      Type.Union([Type.Literal('accept'), Type.Literal('refuse')], {
        description:
          'SEND-13: a normal or preloaded region takes parallel senders (`accept`, seed 001) or refuses them (`refuse`, Geode).',
      }),
    ),
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
      name: described(Name, 'The member name, unique in the topology.'),
      /** The site the member belongs to; optional, and must be the site that lists it. */
      site: Type.Optional(
        described(Name, 'The site the member belongs to; must be the site that lists it.'),
      ),
      /** Default true: the member hosts the site's gateway receiver. */
      receiver: Type.Optional(
        Type.Boolean({
          description: "Default true: the member hosts the site's gateway receiver.",
        }),
      ),
      /**
       * Which of the site's senders this member hosts (default all), by id or with attributes
       * of its own (Geode lets members differ in, e.g., batch size, but not in what makes
       * the sender what it is: see contract/site-compat.ts).
       */
      senders: Type.Optional(
        Type.Array(Type.Union([Type.String({ minLength: 1 }), MemberSenderSchema]), {
          description:
            "Which of the site's senders this member hosts (default all), by id or with attributes of its own.",
        }),
      ),
    },
    { additionalProperties: false },
  ),
]);

const SiteSchema = Type.Object(
  {
    name: described(Name, 'The site name, unique in the topology.'),
    /** The site's distributed-system-id (DISC-1). */
    id: Type.Integer({
      minimum: 0,
      maximum: 255,
      description: "The site's distributed-system-id (DISC-1), unique in the topology.",
    }),
    /** Locator names; default one locator named `<site>-locator`. */
    locators: Type.Optional(
      Type.Array(Name, {
        description: "The site's locator names; default one locator named `<site>-locator`.",
      }),
    ),
    members: Type.Array(MemberSchema, {
      minItems: 1,
      description: "The site's members: names, or `{ name, receiver, senders }`.",
    }),
    /** DISC-2: sites whose locators this site's locators contact; default all others. */
    remoteSites: Type.Optional(
      Type.Array(Type.Union([Name, Type.Integer({ minimum: 0, maximum: 255 })]), {
        description:
          "DISC-2: the sites whose locators this site's locators contact, by name or id; default all others.",
      }),
    ),
    regions: Type.Optional(
      Type.Array(RegionSchema, { description: 'The regions the site holds.' }),
    ),
    senders: Type.Optional(
      Type.Array(SenderSchema, {
        maxItems: SENDERS_PER_MEMBER_MAX,
        description: `The site's gateway senders; at most ${SENDERS_PER_MEMBER_MAX}, Geode's limit per member.`,
      }),
    ),
    receiver: Type.Optional(ReceiverSchema),
    /** Added to the wall clock of every member of the site, in ms (conflict scenarios). */
    clockOffsetMs: Type.Optional(
      Type.Integer({
        minimum: -CLOCK_OFFSET_LIMIT_MS,
        maximum: CLOCK_OFFSET_LIMIT_MS,
        description:
          'Added to the wall clock of every member of the site, in ms (conflict scenarios).',
      }),
    ),
    /** DISC-6: a stopping locator tells connected sites (seeds); false: it does not (Geode). */
    announceLocatorShutdown: Type.Optional(
      Type.Boolean({
        description:
          'DISC-6: true (default): a stopping locator tells the connected sites (seeds); false: it does not (Geode).',
      }),
    ),
    /** The site's credentials (issue 17); the top-level `security` turns authentication on. */
    security: Type.Optional(
      Type.Object(
        {
          /** The site's secret; absent: the harness generates one per deployment. */
          secret: Type.Optional(
            described(
              SiteSecretSchema,
              "The site's secret for authenticated handshakes; absent: generated per deployment.",
            ),
          ),
          /**
           * The site's TLS files (PEM, relative to the topology file), with the top-level
           * `security.tls`; absent: the harness generates them from a throwaway CA.
           */
          tls: Type.Optional(
            Type.Object(
              {
                cert: Type.String({ minLength: 1, description: "The site's certificate (PEM)." }),
                key: Type.String({
                  minLength: 1,
                  description: "The certificate's private key (PEM).",
                }),
                ca: Type.String({
                  minLength: 1,
                  description: 'The CA certificates the site trusts (PEM).',
                }),
                requireClientCert: Type.Optional(
                  Type.Boolean({
                    description: "true: the site's listeners require a client certificate.",
                  }),
                ),
              },
              {
                additionalProperties: false,
                description:
                  "The site's TLS files (PEM, relative to the topology file); absent: generated from a throwaway CA.",
              },
            ),
          ),
        },
        {
          additionalProperties: false,
          description: "The site's credentials (issue 17); the top-level `security` turns them on.",
        },
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
    name: Type.Optional(
      described(EngineName, 'The engine that runs this topology (default wanlab).'),
    ),
    logLevel: Type.Optional(
      Type.Union(
        [
          Type.Literal('trace'),
          Type.Literal('debug'),
          Type.Literal('info'),
          Type.Literal('warn'),
          Type.Literal('error'),
        ],
        { description: "The members' pino log level (default info)." },
      ),
    ),
    locatorExchangeIntervalMs: Type.Optional(
      described(SiteTimerMs, 'How often locators exchange what they know of the sites.'),
    ),
    memberHeartbeatIntervalMs: Type.Optional(
      described(SiteTimerMs, 'How often a member tells its locators it is alive.'),
    ),
    memberTimeoutMs: Type.Optional(
      described(SiteTimerMs, 'A member silent for longer than this is taken as gone.'),
    ),
  },
  { additionalProperties: false },
);

export const TopologySchema = Type.Object(
  {
    name: described(Name, 'The topology name (steps and experiments name it).'),
    description: Type.Optional(Type.String({ description: 'What the topology is for.' })),
    runtime: Type.Optional(
      Type.Union([Type.Literal('process'), Type.Literal('container')], {
        description:
          'Where the members run: local processes (default) or Docker containers; --runtime and WANLAB_RUNTIME override it.',
      }),
    ),
    /** The engine's name, or its name and harness timings: `engine: wanlab` or `{ name, ... }`. */
    engine: Type.Optional(
      Type.Union([EngineName, EngineTuningSchema], {
        description:
          "The engine's name, or its name and timings: `engine: wanlab` or `{ name, ... }`; --engine overrides it.",
      }),
    ),
    defaults: Type.Optional(
      Type.Object(
        {
          sender: Type.Optional(
            described(SenderDefaultsSchema, 'Attributes every sender of the topology starts from.'),
          ),
          receiver: Type.Optional(
            described(ReceiverSchema, 'Settings every receiver of the topology starts from.'),
          ),
        },
        {
          additionalProperties: false,
          description: "Defaults for every site's senders and receiver.",
        },
      ),
    ),
    sites: Type.Array(SiteSchema, { minItems: 1, description: 'The sites, at least one.' }),
    /** Security of every link (issue 17, docs/security.md). */
    security: Type.Optional(
      Type.Object(
        {
          /**
           * true: every receiver, locator and peer port takes only handshakes proved with the
           * site secrets (sites' `security.secret`, generated when absent).
           */
          authentication: Type.Optional(
            Type.Boolean({
              description:
                'true: every receiver, locator and peer port takes only handshakes proved with the site secrets.',
            }),
          ),
          /**
           * true: every sender → receiver, locator ↔ locator and member ↔ member connection
           * is TLS, with each site's certificate (sites' `security.tls`, generated when absent).
           */
          tls: Type.Optional(
            Type.Boolean({
              description:
                "true: every connection between sites, locators and members is TLS, with each site's certificate.",
            }),
          ),
        },
        { additionalProperties: false, description: 'Security of every link (docs/security.md).' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TopologySpec = Static<typeof TopologySchema>;
