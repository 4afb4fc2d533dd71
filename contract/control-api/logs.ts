import { Type, type Static } from '@sinclair/typebox';
import { RegionEventSchema } from './common.js';

/** One event as a member applied it: the raw material of harness histories. */
export const AppliedEventSchema = Type.Object({
  seq: Type.Integer({ minimum: 1, description: "position in this member's log" }),
  appliedAtMs: Type.Number(),
  source: Type.Union([Type.Literal('local'), Type.Literal('remote')]),
  fromDsid: Type.Optional(Type.Integer({ description: 'remote: the site that sent it' })),
  viaMember: Type.Optional(
    Type.String({ description: 'a copy: the member of this site that applied it first' }),
  ),
  event: RegionEventSchema,
});
export type AppliedEvent = Static<typeof AppliedEventSchema>;

/** GET /v1/events?after=N&limit=M */
export const EventsPageSchema = Type.Object({
  events: Type.Array(AppliedEventSchema),
  lastSeq: Type.Integer({ minimum: 0 }),
  dropped: Type.Integer({ minimum: 0, description: 'entries the bounded log let go' }),
});
export type EventsPage = Static<typeof EventsPageSchema>;

export const ReceiptOutcomeSchema = Type.Union([
  Type.Literal('applied'),
  Type.Literal('discarded'),
  Type.Literal('failed'),
]);

/** What a gateway receiver made of one event, in arrival order. */
export const ReceiptSchema = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  receivedAtMs: Type.Number(),
  fromDsid: Type.Integer(),
  outcome: ReceiptOutcomeSchema,
  event: RegionEventSchema,
});
export type Receipt = Static<typeof ReceiptSchema>;

/** GET /v1/receipts?after=N&limit=M */
export const ReceiptsPageSchema = Type.Object({
  receipts: Type.Array(ReceiptSchema),
  lastSeq: Type.Integer({ minimum: 0 }),
  dropped: Type.Integer({ minimum: 0 }),
});
export type ReceiptsPage = Static<typeof ReceiptsPageSchema>;
