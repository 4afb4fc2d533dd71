import { Type, type Static } from '@sinclair/typebox';

interface ErrorCodeEntry {
  /** The HTTP status a control API answers with this code; absent: not a control API answer. */
  httpStatus?: number;
  meaning: string;
}

/**
 * The stable error codes of an engine (docs/architecture.md, "Error codes"). Control API
 * answers carry them in `{code, message, hint}`; an engine's process exits and logs use them
 * too. Codes never change meaning; new ones are added here first.
 */
export const ENGINE_ERROR_CODES = {
  WAN_ERR_CONFIG_INVALID: {
    httpStatus: 400,
    meaning: 'a configuration (file at start, or a route body) breaks a rule; exit 2 at start',
  },
  WAN_ERR_CONFIG_UNREADABLE: { meaning: 'the configuration file cannot be read; exit 2 at start' },
  WAN_ERR_PORT_RANGE_EXHAUSTED: {
    httpStatus: 409,
    meaning: "no port of the receiver's range could be bound",
  },
  WAN_ERR_BIND_ADDRESS_UNAVAILABLE: {
    httpStatus: 409,
    meaning: "the receiver's bindAddress is not an address of this host; no port would do",
  },
  WAN_ERR_REGION_UNKNOWN: { httpStatus: 404, meaning: 'no region of that name' },
  WAN_ERR_SENDER_UNKNOWN: { httpStatus: 404, meaning: 'no sender of that id on this member' },
  WAN_ERR_RECEIVER_ABSENT: { httpStatus: 404, meaning: 'this member has no gateway receiver' },
  WAN_ERR_RECEIVER_STATE: {
    httpStatus: 409,
    meaning: 'the receiver is not in a state that allows this (e.g. stop when stopped)',
  },
  WAN_ERR_RECEIVER_EXISTS: {
    httpStatus: 409,
    meaning: 'the member already has a receiver (one per member, RECV-4)',
  },
  WAN_ERR_PROTOCOL: { meaning: 'a peer broke the wire protocol; that connection is closed' },
  WAN_ERR_HANDSHAKE_REFUSED: {
    meaning: 'a receiver refused a sender (version, site, or site credentials)',
  },
  WAN_ERR_TRANSPORT_MISMATCH: {
    meaning:
      'a receiver refused a sender whose transport.compression is not its own (issue 15); the sender stays disconnected and keeps its queue',
  },
  WAN_ERR_AUTHENTICATION_REFUSED: {
    meaning:
      'a locator refused a request or an exchange without the credentials of a site connected to it (issue 17)',
  },
  WAN_ERR_FRAME_TOO_LARGE: { meaning: 'a frame exceeds the receiver limit; connection closed' },
  WAN_ERR_TIMEOUT: { meaning: 'an operation did not finish in time' },
  WAN_ERR_CONNECTION_CLOSED: { meaning: 'a connection closed while a request was open' },
  WAN_ERR_LOCATOR_UNREACHABLE: { meaning: 'no locator of the site answered' },
  WAN_ERR_BAD_REQUEST: {
    httpStatus: 400,
    meaning: 'the request does not match its route (schema, parameters); nothing is coerced',
  },
  WAN_ERR_VALUE_TOO_DEEP: {
    httpStatus: 400,
    meaning: 'a value nests deeper than VALUE_DEPTH_MAX (64) levels; nothing is stored',
  },
  WAN_ERR_VALUE_TOO_LARGE: {
    httpStatus: 413,
    meaning: 'a value is larger than VALUE_BYTES_MAX (1 MiB) as JSON; nothing is stored',
  },
  WAN_ERR_BODY_TOO_LARGE: {
    httpStatus: 413,
    meaning: 'a request body is larger than REQUEST_BODY_BYTES_MAX (16 MiB)',
  },
  WAN_ERR_NO_ENTRY: { httpStatus: 404, meaning: 'the region holds no live entry for the key' },
  WAN_ERR_NOT_FOUND: { httpStatus: 404, meaning: 'no such route' },
  WAN_ERR_METHOD_NOT_ALLOWED: {
    httpStatus: 405,
    meaning: 'the path exists but not with that method; the Allow header lists its methods',
  },
  WAN_ERR_SENDER_KIND: {
    httpStatus: 409,
    meaning:
      'the operation does not apply to this kind of sender (a serial sender is not rebalanced)',
  },
  WAN_ERR_UNAUTHORIZED: {
    httpStatus: 401,
    meaning:
      "the request lacks the deployment's control token (Authorization: Bearer <token>); every route but /health needs it",
  },
  WAN_ERR_MEMBER_REFUSED: {
    meaning:
      "the site will not take a member (another site, or definitions unlike the running members'); exit 1",
  },
  WAN_ERR_NOT_READY: {
    httpStatus: 503,
    meaning: 'the member is joining its site and catching up; region routes answer this',
  },
  WAN_ERR_STARTING: { httpStatus: 503, meaning: '/health until the member has started' },
  WAN_ERR_PEER_UNAVAILABLE: {
    httpStatus: 503,
    meaning: 'a member of the site left in the middle of a request; retried',
  },
  WAN_ERR_NO_PRIMARY: { httpStatus: 503, meaning: 'a bucket had no ready primary within 30 s' },
  WAN_ERR_RESOLVER_INVALID: {
    meaning: "a region's resolver module does not load or lacks the interface; exit 2 at start",
  },
  WAN_ERR_EVENT_FILTER_INVALID: {
    meaning: "a sender's event filter module does not load or lacks the interface; exit 2 at start",
  },
  WAN_ERR_APPLY: { meaning: 'a received event could not be applied (in acks and failure lists)' },
  WAN_ERR_SENDER_NOT_ATTACHED: {
    httpStatus: 400,
    meaning: 'the region does not send through that sender (wan-copy, GEODE-7)',
  },
  WAN_ERR_SENDER_NOT_RUNNING: {
    httpStatus: 409,
    meaning: 'the sender is not running on this member (wan-copy needs it running, as Geode)',
  },
  WAN_ERR_REMOTE_SITE_UNREACHABLE: {
    httpStatus: 409,
    meaning: "no receiver of the sender's remote site answered (wan-copy)",
  },
  WAN_ERR_WAN_COPY_UNKNOWN: {
    httpStatus: 404,
    meaning: 'no wan-copy operation of that id on this member',
  },
  WAN_ERR_WAN_COPY_FAILED: {
    meaning: 'a wan-copy stopped: the connection broke twice or the remote site failed an entry',
  },
  WAN_ERR_INTERNAL: { httpStatus: 500, meaning: 'a defect: the member log has the stack' },
  // Issue 15 (GEODE-5, GEODE-6): regions and senders destroyed and created at runtime.
  WAN_ERR_SENDER_IN_USE: {
    httpStatus: 409,
    meaning: 'a sender is not destroyed while a region of the member lists it (Geode refuses too)',
  },
  WAN_ERR_REGION_EXISTS: {
    httpStatus: 409,
    meaning: 'the region exists on this member already; destroy or close it before creating it',
  },
  WAN_ERR_SENDER_EXISTS: {
    httpStatus: 409,
    meaning: 'the sender exists on this member already; destroy it before creating it',
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type EngineErrorCode = keyof typeof ENGINE_ERROR_CODES;

export const ENGINE_ERROR_CODE_NAMES = Object.keys(ENGINE_ERROR_CODES) as EngineErrorCode[];

export function isEngineErrorCode(value: string): value is EngineErrorCode {
  return Object.hasOwn(ENGINE_ERROR_CODES, value);
}

/** The HTTP status of an engine error answered by a control API (500 when it has none). */
export function httpStatusOf(code: EngineErrorCode): number {
  const entry: ErrorCodeEntry = ENGINE_ERROR_CODES[code];
  return entry.httpStatus ?? 500;
}

/** Every control API answer that is not 2xx. */
export const ErrorBodySchema = Type.Object(
  {
    code: Type.String({
      pattern: '^WAN_ERR_[A-Z_]+$',
      description: 'a code of ENGINE_ERROR_CODES',
    }),
    message: Type.String({ description: 'what went wrong' }),
    hint: Type.String({ description: 'how to fix it' }),
  },
  { description: 'an error, with a stable code' },
);
export type ErrorBody = Static<typeof ErrorBodySchema>;
