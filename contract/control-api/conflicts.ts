import { Type, type Static } from '@sinclair/typebox';
import { ConflictStatisticsSchema } from '../statistics.js';

/** GET /v1/regions/:region/conflicts: a region's conflict settings and counters. */
export const ConflictStatusSchema = Type.Object({
  region: Type.String(),
  resolver: Type.Optional(Type.String({ description: 'the resolver module, if any' })),
  forwardedEventDsid: Type.Union([Type.Literal('origin'), Type.Literal('last-hop')]),
  onResolverError: Type.Union([Type.Literal('discard'), Type.Literal('default-rule')]),
  stats: ConflictStatisticsSchema,
});
export type ConflictStatus = Static<typeof ConflictStatusSchema>;
