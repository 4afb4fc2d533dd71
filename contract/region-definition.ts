import { Type, type Static } from '@sinclair/typebox';
import { ConflictConfigSchema } from './conflict-settings.js';

/** Geode's default `total-num-buckets`. */
export const TOTAL_BUCKETS_DEFAULT = 113;

export const RegionNameSchema = Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' });

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

/** One region as every member of a site defines it, with the senders that carry its events. */
export const RegionConfigSchema = Type.Object(
  {
    name: RegionNameSchema,
    type: Type.Union(RegionTypeSchema.anyOf, { default: 'replicated' }),
    senderIds: Type.Array(Type.String({ minLength: 1 }), { default: [] }),
    /** Partitioned: the buckets; normal and preloaded: the queue buckets of parallel senders. */
    totalBuckets: Type.Integer({ minimum: 1, maximum: 1024, default: TOTAL_BUCKETS_DEFAULT }),
    /** Partitioned: copies of each bucket; normal and preloaded: of each queue bucket. */
    redundantCopies: Type.Integer({ minimum: 0, maximum: 3, default: 0 }),
    parallelSenders: Type.Union(ParallelSendersSchema.anyOf, { default: 'accept' }),
    /**
     * Partitioned: the region whose buckets this one shares (Geode `colocated-with`); a
     * parallel sender may serve several partitioned regions only when they are colocated.
     */
    colocatedWith: Type.Optional(RegionNameSchema),
    /** WAN conflict settings: the resolver plug-in and where the seeds and Geode differ. */
    conflict: ConflictConfigSchema,
  },
  { additionalProperties: false },
);
export type RegionConfig = Static<typeof RegionConfigSchema>;
