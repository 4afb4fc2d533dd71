import { Type, type Static } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { EngineError } from '../../errors.js';
import type { EventId, RegionEvent } from '../../region/region-event.js';
import { TRANSPORT_COMPRESSIONS, type TransportCompression } from '../../../contract/transport.js';

/**
 * Gateway wire messages (protocol version in engine/version.ts). A sender opens a TCP
 * connection to a receiver, says hello, and then pipelines batches; each batch gets exactly
 * one ack, in order. Shapes are validated on receipt; anything else closes the connection.
 */
export const GATEWAY_PROTOCOL = 'wanlab-gateway';

const VersionTagSchema = Type.Object({
  timestamp: Type.Number(),
  dsid: Type.Integer(),
  member: Type.String(),
  entryVersion: Type.Integer(),
});

const EventIdSchema = Type.Object({
  member: Type.String(),
  thread: Type.Integer(),
  seq: Type.Integer(),
});

export const RegionEventSchema = Type.Object({
  region: Type.String({ minLength: 1 }),
  key: Type.String(),
  op: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('destroy')]),
  value: Type.Optional(Type.Unknown()),
  version: VersionTagSchema,
  id: EventIdSchema,
  originDsid: Type.Integer(),
  recipients: Type.Array(Type.Integer()),
  possibleDuplicate: Type.Boolean(),
  tx: Type.Optional(Type.Object({ id: Type.String(), last: Type.Boolean() })),
  bucket: Type.Optional(Type.Integer()),
  lanes: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }))),
  createdAtMs: Type.Number(),
});

const HelloSchema = Type.Object({
  t: Type.Literal('hello'),
  protocol: Type.Literal(GATEWAY_PROTOCOL),
  version: Type.Integer(),
  senderId: Type.String({ minLength: 1 }),
  senderDsid: Type.Integer(),
  senderMember: Type.String(),
  dispatcher: Type.Integer({ minimum: 0 }),
  /** The site the sender believes it reached; a receiver of another site refuses. */
  expectDsid: Type.Integer(),
  /**
   * How the sender compresses its batches (issue 15); absent: none (wanlab senders say nothing
   * then). A receiver of another codec refuses with WAN_ERR_TRANSPORT_MISMATCH.
   */
  compression: Type.Optional(Type.Union(TRANSPORT_COMPRESSIONS.map((name) => Type.Literal(name)))),
  /** The sender site's proof (engine/security/credentials.ts), when its site authenticates. */
  auth: Type.Optional(
    Type.Object({
      dsid: Type.Integer(),
      atMs: Type.Number(),
      nonce: Type.String({ maxLength: 64 }),
      proof: Type.String({ maxLength: 128 }),
    }),
  ),
});
export type HelloMessage = Static<typeof HelloSchema>;

/** The fields of a hello its proof covers. */
export function helloContext(hello: HelloMessage): (string | number)[] {
  return [hello.senderId, hello.senderDsid, hello.senderMember, hello.dispatcher, hello.expectDsid];
}

const BatchSchema = Type.Object({
  t: Type.Literal('batch'),
  batchId: Type.Integer({ minimum: 0 }),
  events: Type.Array(RegionEventSchema),
});
export interface BatchMessage {
  t: 'batch';
  batchId: number;
  events: RegionEvent[];
}

/**
 * A batch whose payload, the MessagePack encoding of its events, is compressed with the
 * codec agreed in the handshake (issue 15). Sent instead of `batch` on such a connection.
 */
const CompressedBatchSchema = Type.Object({
  t: Type.Literal('zbatch'),
  batchId: Type.Integer({ minimum: 0 }),
  data: Type.Unknown(),
});
export interface CompressedBatchMessage {
  t: 'zbatch';
  batchId: number;
  data: Uint8Array;
}

const PingSchema = Type.Object({ t: Type.Literal('ping') });

export interface WelcomeMessage {
  t: 'welcome';
  version: number;
  receiverDsid: number;
  receiverMember: string;
  /** The largest frame payload the receiver takes; a sender splits batches to fit (issue 14). */
  maxFrameBytes?: number;
}

export interface RefusedMessage {
  t: 'refused';
  code: string;
  message: string;
}

/** BATCH-3: one entry per event the receiver could not apply. */
export interface AckFailure {
  index: number;
  eventId: EventId;
  code: string;
  message: string;
}

export interface AckMessage {
  t: 'ack';
  batchId: number;
  /** Events in the batch. */
  count: number;
  /**
   * How many leading events of the batch the receiver handled (applied, discarded by the
   * conflict rule, dropped as duplicates, or failed); the sender removes exactly these.
   * Less than `count` when the receiver stopped at a failed event (seed 003).
   */
  processed: number;
  failures: AckFailure[];
  /** Index of the last event applied (or deduplicated) in the batch; -1 if none. */
  lastAppliedIndex: number;
}

export type ClientMessage = HelloMessage | BatchMessage | CompressedBatchMessage | { t: 'ping' };
export type ServerMessage = WelcomeMessage | RefusedMessage | AckMessage | { t: 'pong' };

const SCHEMAS = {
  hello: HelloSchema,
  batch: BatchSchema,
  zbatch: CompressedBatchSchema,
  ping: PingSchema,
};
type ClientType = keyof typeof SCHEMAS;
// Compiled on first use, not at import: compiling costs a member's start-up a third of its CPU
// (issue 19). The schemas are TypeBox's, so checking them against the meta-schema adds nothing.
let ajv: Ajv | undefined;
const validators = new Map<ClientType, ValidateFunction>();

function validatorFor(type: unknown): ValidateFunction | undefined {
  if (typeof type !== 'string' || !Object.hasOwn(SCHEMAS, type)) return undefined;
  const known = type as ClientType;
  let validate = validators.get(known);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: false, strict: false, validateSchema: false });
    validate = ajv.compile(SCHEMAS[known]);
    validators.set(known, validate);
  }
  return validate;
}

export function parseClientMessage(raw: unknown): ClientMessage {
  const type = typeof raw === 'object' && raw !== null ? (raw as { t?: unknown }).t : undefined;
  const validate = validatorFor(type);
  if (validate && validate(raw) && binaryData(raw)) return raw as ClientMessage;
  const detail = validate?.errors?.[0];
  throw new EngineError(
    'WAN_ERR_PROTOCOL',
    `malformed gateway message${detail ? ` at ${detail.instancePath || '(root)'}: ${detail.message}` : ` of type ${String(type)}`}`,
    'only wanlab gateway senders of the same protocol version may connect to a receiver',
  );
}

/** A compressed batch's data is bytes (MessagePack bin); every other message has none. */
function binaryData(raw: unknown): boolean {
  const { t, data } = raw as { t: string; data?: unknown };
  return t !== 'zbatch' || data instanceof Uint8Array;
}

/** The hello's codec: `none` when it names none. */
export function helloCompression(hello: HelloMessage): TransportCompression {
  return hello.compression ?? 'none';
}

export function parseServerMessage(raw: unknown): ServerMessage {
  const type = typeof raw === 'object' && raw !== null ? (raw as { t?: unknown }).t : undefined;
  if (type === 'welcome' || type === 'refused' || type === 'ack' || type === 'pong') {
    return raw as ServerMessage;
  }
  throw new EngineError(
    'WAN_ERR_PROTOCOL',
    `unexpected message from receiver: ${String(type)}`,
    'the remote end is not a wanlab gateway receiver of this protocol version',
  );
}
