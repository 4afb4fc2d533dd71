import { Type, type Static } from '@sinclair/typebox';
import { RegionTypeSchema } from './regions.js';

/** GET /v1/cluster: the site as this member sees it, members oldest first. */
export const ClusterViewSchema = Type.Object({
  self: Type.String(),
  session: Type.Integer(),
  peerProtocolErrors: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        'inbound peer connections closed since start for a frame that was not the peer protocol',
    }),
  ),
  members: Type.Array(
    Type.Object({
      name: Type.String(),
      uid: Type.String(),
      session: Type.Integer(),
      joinOrder: Type.Integer({ minimum: 0 }),
      senders: Type.Array(
        Type.Object({ id: Type.String(), running: Type.Boolean(), runningSinceMs: Type.Number() }),
      ),
    }),
  ),
});
export type ClusterView = Static<typeof ClusterViewSchema>;

/** GET /v1/regions/:region/buckets: where each bucket is, by member name. */
export const BucketsStatusSchema = Type.Object({
  region: Type.String(),
  type: RegionTypeSchema,
  totalBuckets: Type.Integer({ minimum: 1 }),
  redundantCopies: Type.Integer({ minimum: 0 }),
  tableVersion: Type.Integer({ description: 'the bucket table this member follows' }),
  buckets: Type.Array(
    Type.Object({
      id: Type.Integer({ minimum: 0 }),
      primary: Type.Union([Type.String(), Type.Null()]),
      copies: Type.Array(Type.String()),
      initializing: Type.Array(Type.String()),
    }),
  ),
});
export type BucketsStatus = Static<typeof BucketsStatusSchema>;
