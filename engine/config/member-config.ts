import { Type, type Static } from '@sinclair/typebox';
import { AddressText, EndpointSchema, LogSchema, SiteRefSchema } from './common-schema.js';
import { ConflictConfigSchema } from './conflict-schema.js';
import { ReceiverConfigSchema } from './receiver-schema.js';
import { SenderConfigSchema } from './sender-schema.js';

export const RegionConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }),
    type: Type.Union([Type.Literal('replicated'), Type.Literal('partitioned')], {
      default: 'replicated',
    }),
    senderIds: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    totalBuckets: Type.Integer({ minimum: 1, maximum: 1024, default: 113 }),
    redundantCopies: Type.Integer({ minimum: 0, maximum: 3, default: 0 }),
    /** WAN conflict settings: the resolver plug-in and where the seeds and Geode differ. */
    conflict: ConflictConfigSchema,
  },
  { additionalProperties: false },
);
export type RegionConfig = Static<typeof RegionConfigSchema>;

/** The file the harness (or a person) writes to start one member process. */
export const MemberConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }),
    site: SiteRefSchema,
    locators: Type.Array(AddressText, { minItems: 1 }),
    control: EndpointSchema,
    dataDir: Type.String({ minLength: 1 }),
    log: LogSchema,
    clockOffsetMs: Type.Integer({ default: 0 }),
    /** Seeds the member's random choices (receiver port, first receiver tried); absent: random. */
    randomSeed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 })),
    heartbeatIntervalMs: Type.Integer({ minimum: 10, default: 1000 }),
    locatorRequestTimeoutMs: Type.Integer({ minimum: 10, default: 2000 }),
    appliedEventLogLimit: Type.Integer({ minimum: 0, default: 200000 }),
    regions: Type.Array(RegionConfigSchema, { default: [] }),
    senders: Type.Array(SenderConfigSchema, { default: [] }),
    receiver: Type.Optional(ReceiverConfigSchema),
    /** Where the other members of the site reach this one (engine/cluster); 0: any free port. */
    peer: Type.Object(
      {
        bindAddress: Type.String({ default: '127.0.0.1' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
        connectTimeoutMs: Type.Integer({ minimum: 1, default: 2000 }),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);
export type MemberConfig = Static<typeof MemberConfigSchema>;
