import { Type, type Static } from '@sinclair/typebox';
import { JsonValueSchema } from '../json.js';
import { EventIdSchema, OperationSchema, VersionTagSchema } from './common.js';

import { RegionTypeSchema } from '../region-definition.js';

export { RegionTypeSchema };

/** GET /v1/regions/:region, and each item of GET /v1/regions. */
export const RegionInfoSchema = Type.Object({
  name: Type.String(),
  type: RegionTypeSchema,
  size: Type.Integer({ minimum: 0 }),
});
export type RegionInfo = Static<typeof RegionInfoSchema>;

export const RegionListSchema = Type.Object({ regions: Type.Array(RegionInfoSchema) });
export type RegionList = Static<typeof RegionListSchema>;

export const SizeBodySchema = Type.Object({ size: Type.Integer({ minimum: 0 }) });
export type SizeBody = Static<typeof SizeBodySchema>;

/** One live entry with the version that wrote it. */
export const EntryBodySchema = Type.Object({
  key: Type.String(),
  value: Type.Optional(JsonValueSchema),
  version: VersionTagSchema,
});
export type EntryBody = Static<typeof EntryBodySchema>;

export const EntriesBodySchema = Type.Object({ entries: Type.Array(EntryBodySchema) });
export type EntriesBody = Static<typeof EntriesBodySchema>;

/** What a put or destroy made: its event's operation, version and id. */
export const WriteResultSchema = Type.Object({
  key: Type.String(),
  op: OperationSchema,
  version: VersionTagSchema,
  eventId: EventIdSchema,
  /** Partitioned regions: the bucket of the key. */
  bucket: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type WriteResult = Static<typeof WriteResultSchema>;

export const PutAllResultSchema = Type.Object({
  results: Type.Array(WriteResultSchema, { description: 'one event and one version per key' }),
});
export type PutAllResult = Static<typeof PutAllResultSchema>;

export const ClearResultSchema = Type.Object({
  cleared: Type.Integer({ minimum: 0, description: 'entries removed here, never distributed' }),
});
export type ClearResult = Static<typeof ClearResultSchema>;

/** POST /v1/transactions (TX-1). */
export const TransactionResultSchema = Type.Object({
  transactionId: Type.String(),
  events: Type.Array(
    Type.Object({
      region: Type.String(),
      key: Type.String(),
      op: OperationSchema,
      version: VersionTagSchema,
      eventId: EventIdSchema,
    }),
  ),
});
export type TransactionResult = Static<typeof TransactionResultSchema>;
