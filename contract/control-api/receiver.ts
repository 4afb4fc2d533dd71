import { Type, type Static } from '@sinclair/typebox';
import { ReceiverStatisticsSchema } from '../statistics.js';
import { ReceiverTransportStatusSchema } from '../transport.js';
import { AdvertiseSchema } from './common.js';

/** GET /v1/receiver and the answer of its actions. */
export const ReceiverStatusSchema = Type.Object({
  running: Type.Boolean(),
  manualStart: Type.Boolean(),
  bindAddress: Type.String(),
  port: Type.Optional(Type.Integer({ description: 'the port bound, while running' })),
  startPort: Type.Integer(),
  endPort: Type.Integer(),
  advertise: Type.Optional(AdvertiseSchema),
  connectedSenders: Type.Array(Type.String()),
  stats: ReceiverStatisticsSchema,
  transport: Type.Optional(ReceiverTransportStatusSchema),
});
export type ReceiverStatus = Static<typeof ReceiverStatusSchema>;

/** DELETE /v1/receiver: the member has no receiver any more. */
export const ReceiverRemovedSchema = Type.Object({ removed: Type.Literal(true) });
export type ReceiverRemoved = Static<typeof ReceiverRemovedSchema>;
