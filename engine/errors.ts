/**
 * Every error the engine raises on purpose carries a stable code (documented in
 * docs/architecture.md), what went wrong, and a hint on how to fix it.
 */
export type EngineErrorCode =
  | 'WAN_ERR_CONFIG_INVALID'
  | 'WAN_ERR_CONFIG_UNREADABLE'
  | 'WAN_ERR_PORT_RANGE_EXHAUSTED'
  | 'WAN_ERR_REGION_UNKNOWN'
  | 'WAN_ERR_SENDER_UNKNOWN'
  | 'WAN_ERR_RECEIVER_ABSENT'
  | 'WAN_ERR_RECEIVER_STATE'
  | 'WAN_ERR_RECEIVER_EXISTS'
  | 'WAN_ERR_PROTOCOL'
  | 'WAN_ERR_HANDSHAKE_REFUSED'
  | 'WAN_ERR_FRAME_TOO_LARGE'
  | 'WAN_ERR_TIMEOUT'
  | 'WAN_ERR_CONNECTION_CLOSED'
  | 'WAN_ERR_LOCATOR_UNREACHABLE'
  | 'WAN_ERR_BAD_REQUEST'
  | 'WAN_ERR_RESOLVER_INVALID'
  | 'WAN_ERR_MEMBER_REFUSED'
  | 'WAN_ERR_NOT_READY'
  | 'WAN_ERR_PEER_UNAVAILABLE'
  | 'WAN_ERR_NO_PRIMARY';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly hint: string;

  constructor(code: EngineErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
    this.hint = hint;
  }

  toJSON(): { code: string; message: string; hint: string } {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}

export function errorMessage(value: unknown): string {
  return value instanceof Error ? value.message : String(value);
}
