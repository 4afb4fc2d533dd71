import { Type, type Static } from '@sinclair/typebox';
import { JsonValueSchema } from '../json.js';

/** `host:port` */
export const AddressText = Type.String({
  pattern: '^[^\\s:]+:[0-9]{1,5}$',
  description: 'host:port',
});

/**
 * What a locator or receiver tells others to dial. Geode has one `hostname-for-senders`;
 * wanlab keys it by the asking site, because each site reaches a remote one through its own
 * per-direction proxy. `default` serves sites without an entry; absent, the real address.
 */
export const AdvertiseSchema = Type.Object(
  {
    default: Type.Optional(AddressText),
    bySite: Type.Optional(Type.Record(Type.String({ pattern: '^[0-9]+$' }), AddressText)),
  },
  { additionalProperties: false },
);
export type Advertise = Static<typeof AdvertiseSchema>;

/**
 * Every entry carries the version of the change that wrote it (CONS-1..4): when it happened
 * (on the writing site's clock), on which site, by which member, and the entry's own counter.
 */
export const VersionTagSchema = Type.Object({
  timestamp: Type.Number({ description: "ms since the epoch, on the writing site's clock" }),
  dsid: Type.Integer({ description: 'the site that made the change' }),
  member: Type.String({ description: 'the member that made the change' }),
  entryVersion: Type.Integer({ description: "the entry's own counter" }),
});
export type VersionTag = Static<typeof VersionTagSchema>;

/**
 * The part of a version that travels between sites and decides conflicts (CONS-3, CONS-4):
 * when, on which site, and the entry's counter. The `member` stays behind on Geode, which
 * stores a received version under the member that applied it (GatewayReceiverCommand sets the
 * tag's VersionSource to the receiving region's; docs/divergences.md).
 */
export function travellingVersion(version: VersionTag): Omit<VersionTag, 'member'> {
  const { member: _member, ...rest } = version;
  return rest;
}

/**
 * Identifies one change wherever it travels; receivers drop an event whose sequence they
 * already applied for the same (member, thread) stream.
 */
export const EventIdSchema = Type.Object({
  member: Type.String(),
  thread: Type.Integer(),
  seq: Type.Integer(),
});
export type EventId = Static<typeof EventIdSchema>;

export const OperationSchema = Type.Union([
  Type.Literal('create'),
  Type.Literal('update'),
  Type.Literal('destroy'),
]);
export type Operation = Static<typeof OperationSchema>;

export const TransactionMarkSchema = Type.Object({ id: Type.String(), last: Type.Boolean() });
export type TransactionMark = Static<typeof TransactionMarkSchema>;

/** One applied change, as regions report it and as gateway senders ship it. */
export const RegionEventSchema = Type.Object({
  region: Type.String(),
  key: Type.String(),
  op: OperationSchema,
  value: Type.Optional(JsonValueSchema),
  version: VersionTagSchema,
  id: EventIdSchema,
  originDsid: Type.Integer({ description: 'DIST-1: the site where the change was made' }),
  recipients: Type.Array(Type.Integer(), {
    description: 'DIST-1: the sites this event was (or is being) sent to',
  }),
  possibleDuplicate: Type.Boolean(),
  tx: Type.Optional(TransactionMarkSchema),
  bucket: Type.Optional(Type.Integer()),
  lanes: Type.Optional(
    Type.Array(Type.Integer(), {
      description: 'the receiving dispatcher lane of every gateway hop so far, oldest first',
    }),
  ),
  createdAtMs: Type.Number({ description: 'when the origin site applied it (lag measurement)' }),
});
export type RegionEvent = Static<typeof RegionEventSchema>;
