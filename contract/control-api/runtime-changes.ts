import { Type, type Static } from '@sinclair/typebox';

/**
 * Issue 15 (GEODE-5, GEODE-6): a region destroyed or closed, a sender destroyed, on one member
 * at runtime. Created again from the member configuration's definition.
 */
export const RegionRemovedSchema = Type.Object(
  {
    region: Type.String({ description: 'the region removed from this member' }),
    removed: Type.Union([Type.Literal('destroyed'), Type.Literal('closed')], {
      description: 'destroyed (DELETE) or closed (POST .../close); never sent to another site',
    }),
  },
  { description: 'a region destroyed or closed on this member' },
);
export type RegionRemoved = Static<typeof RegionRemovedSchema>;

export const SenderDestroyedSchema = Type.Object(
  {
    id: Type.String({ description: 'the sender destroyed on this member' }),
    destroyed: Type.Literal(true, { description: 'always true' }),
  },
  { description: 'a sender destroyed on this member, its queue with it' },
);
export type SenderDestroyed = Static<typeof SenderDestroyedSchema>;
