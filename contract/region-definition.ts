import { Type, type Static } from '@sinclair/typebox';
import { ConflictConfigSchema } from './conflict-settings.js';

export const RegionNameSchema = Type.String({ minLength: 1, pattern: '^[A-Za-z0-9_.-]+$' });

/** One region as every member of a site defines it, with the senders that carry its events. */
export const RegionConfigSchema = Type.Object(
  {
    name: RegionNameSchema,
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
