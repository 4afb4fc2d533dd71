import { Type, type Static } from '@sinclair/typebox';

/**
 * Transport filters on the gateway wire (issue 15, GEODE-4; Geode's GatewayTransportFilter).
 * A sender compresses the payload of each batch with its codec; a receiver takes only senders
 * whose codec is its own (the sender announces it in its hello). Codecs are those of Node's
 * built-in zlib on Node 20: zstd is not among them there.
 */
export const TRANSPORT_COMPRESSIONS = ['none', 'gzip', 'deflate', 'brotli'] as const;
export type TransportCompression = (typeof TRANSPORT_COMPRESSIONS)[number];

export const TransportCompressionSchema = Type.Union(
  TRANSPORT_COMPRESSIONS.map((name) => Type.Literal(name)),
  {
    default: 'none',
    description:
      'How batch payloads are compressed on the wire: none (default), gzip, deflate or brotli (node:zlib). A sender and the receivers it reaches must say the same; a receiver refuses a sender of another codec (WAN_ERR_TRANSPORT_MISMATCH).',
  },
);

/** `transport` of a sender or a receiver. */
export const TransportSettingsSchema = Type.Object(
  { compression: TransportCompressionSchema },
  {
    additionalProperties: false,
    description:
      'Transport filters on the gateway wire (issue 15): the same at both ends of a link; absent: none.',
  },
);
export type TransportSettings = Static<typeof TransportSettingsSchema>;

/** The refusal of a sender's last handshake, until one succeeds. */
export const TransportRefusalSchema = Type.Object(
  {
    code: Type.String({ description: 'the stable error code, e.g. WAN_ERR_TRANSPORT_MISMATCH' }),
    message: Type.String({ description: "the receiver's reason" }),
    receiver: Type.String({ description: 'the address that refused' }),
    atMs: Type.Number({ description: 'wall-clock ms of the refusal' }),
  },
  { description: "a receiver's refusal of the last handshake; absent once one succeeds" },
);
export type TransportRefusal = Static<typeof TransportRefusalSchema>;

/** `transport` of a sender status: its codec, its byte counts, its last refusal. */
export const SenderTransportStatusSchema = Type.Object(
  {
    compression: TransportCompressionSchema,
    batchBytesBeforeCompression: Type.Integer({
      minimum: 0,
      description: 'payload bytes of the batches written, before compression (bytes)',
    }),
    batchBytesOnWire: Type.Integer({
      minimum: 0,
      description: 'payload bytes of the batch frames written, as they went on the wire (bytes)',
    }),
    lastRefusal: Type.Optional(TransportRefusalSchema),
  },
  { description: "the sender's transport filters on this member (issue 15)" },
);
export type SenderTransportStatus = Static<typeof SenderTransportStatusSchema>;

/** `transport` of a receiver status. */
export const ReceiverTransportStatusSchema = Type.Object(
  {
    compression: TransportCompressionSchema,
    batchBytesOnWire: Type.Integer({
      minimum: 0,
      description: 'compressed payload bytes of the batches received (bytes)',
    }),
    batchBytesDecompressed: Type.Integer({
      minimum: 0,
      description: 'the same batches once decompressed (bytes)',
    }),
    transportMismatches: Type.Integer({
      minimum: 0,
      description:
        'handshakes refused because the sender compresses otherwise (connections; also in handshakesRefused)',
    }),
  },
  { description: "the receiver's transport filters (issue 15)" },
);
export type ReceiverTransportStatus = Static<typeof ReceiverTransportStatusSchema>;

export function compressionOf(settings: TransportSettings | undefined): TransportCompression {
  return settings?.compression ?? 'none';
}
