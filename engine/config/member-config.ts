import { Type, type Static } from '@sinclair/typebox';
import { AddressText, EndpointSchema, LogSchema, SiteRefSchema } from './common-schema.js';
import { ConflictConfigSchema } from './conflict-schema.js';
import { ReceiverConfigSchema } from './receiver-schema.js';
import { SenderConfigSchema } from './sender-schema.js';

/**
 * How the members of a site hold a region, after Geode's data policies: `replicated` (every
 * member holds every entry), `partitioned` (buckets spread over the members), `normal` (each
 * member holds only the entries it wrote or already had, and takes updates of those only) and
 * `preloaded` (normal, after first copying the entries of another member).
 */
export const RegionTypeSchema = Type.Union([
  Type.Literal('replicated'),
  Type.Literal('partitioned'),
  Type.Literal('normal'),
  Type.Literal('preloaded'),
]);
export type RegionType = Static<typeof RegionTypeSchema>;

/** Region types that are distributed but neither replicated nor partitioned (SEND-13). */
export function isNormalType(type: RegionType): type is 'normal' | 'preloaded' {
  return type === 'normal' || type === 'preloaded';
}

/**
 * What a parallel sender attached to a normal or preloaded region does: `accept` hashes the
 * region's events over one queue per hosting member (seed 001, SEND-13); `refuse` makes it a
 * configuration error, as Geode's DistributedRegion does (docs/divergences.md).
 */
export const ParallelSendersSchema = Type.Union([Type.Literal('accept'), Type.Literal('refuse')]);

export const RegionConfigSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' }),
    type: Type.Union(RegionTypeSchema.anyOf, { default: 'replicated' }),
    senderIds: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    /** Partitioned: the buckets; normal and preloaded: the queue buckets of parallel senders. */
    totalBuckets: Type.Integer({ minimum: 1, maximum: 1024, default: 113 }),
    /** Partitioned: copies of each bucket; normal and preloaded: of each queue bucket. */
    redundantCopies: Type.Integer({ minimum: 0, maximum: 3, default: 0 }),
    parallelSenders: Type.Union(ParallelSendersSchema.anyOf, { default: 'accept' }),
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
