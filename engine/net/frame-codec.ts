import { Packr } from 'msgpackr';
import { EngineError } from '../errors.js';

/**
 * Wire frames: a 4-byte big-endian payload length, then a MessagePack payload.
 * The length limit is checked before any payload byte is buffered, so a hostile or broken
 * peer cannot make us allocate more than `maxFrameBytes`.
 */
export const FRAME_HEADER_BYTES = 4;
export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024 * 1024;

/**
 * Records (msgpackr's extension): an object shape is described once per frame and its
 * instances carry values only. A batch of events is ~40% smaller and decodes several times
 * faster than with plain maps; every frame stays self-contained, and decoders need no state.
 */
const packr = new Packr({ useRecords: true, encodeUndefinedAsNil: true, mapsAsObjects: true });

/** A value as a frame payload carries it (a compressed batch's events, issue 15). */
export function encodePayload(value: unknown): Buffer {
  return packr.pack(value);
}

export function encodeFrame(message: unknown): Buffer {
  const payload = packr.pack(message);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export function decodePayload(payload: Buffer): unknown {
  try {
    return packr.unpack(payload);
  } catch (cause) {
    throw new EngineError(
      'WAN_ERR_PROTOCOL',
      `malformed frame payload (${payload.length} bytes)`,
      'the peer is not speaking the wanlab wire protocol, or the stream was corrupted',
      { cause },
    );
  }
}

/**
 * Bytes of unfinished frames that all connections of one port may hold together (issue 17):
 * with it, half-sent frames cost a port at most `maxBytes`, whatever the number of connections.
 */
export class ByteBudget {
  readonly maxBytes: number;
  usedBytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }
}

/** Incremental decoder: push socket chunks in, get whole decoded messages out. */
export class FrameDecoder {
  readonly #maxFrameBytes: number;
  readonly #budget: ByteBudget;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #expected = -1;

  constructor(maxFrameBytes = DEFAULT_MAX_FRAME_BYTES, budget = new ByteBudget(Infinity)) {
    this.#maxFrameBytes = maxFrameBytes;
    this.#budget = budget;
  }

  get bufferedBytes(): number {
    return this.#buffered;
  }

  /** Drops whatever a closed connection left half received. */
  clear(): void {
    this.#budget.usedBytes -= this.#buffered;
    this.#chunks = [];
    this.#buffered = 0;
    this.#expected = -1;
  }

  /** Returns every message completed by this chunk; throws on an oversized or malformed frame. */
  push(chunk: Buffer): unknown[] {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    this.#budget.usedBytes += chunk.length;
    if (this.#budget.usedBytes > this.#budget.maxBytes) {
      throw new EngineError(
        'WAN_ERR_FRAME_TOO_LARGE',
        `unfinished frames on this port hold more than ${this.#budget.maxBytes} bytes`,
        'many connections sent large frames at once, or one is hoarding; it may send again',
      );
    }
    const messages: unknown[] = [];
    while (this.#nextFrameReady()) messages.push(decodePayload(this.#takeFrame()));
    return messages;
  }

  #nextFrameReady(): boolean {
    if (this.#expected < 0) {
      if (this.#buffered < FRAME_HEADER_BYTES) return false;
      this.#expected = this.#peekLength();
      if (this.#expected > this.#maxFrameBytes) {
        throw new EngineError(
          'WAN_ERR_FRAME_TOO_LARGE',
          `frame of ${this.#expected} bytes exceeds the limit of ${this.#maxFrameBytes} bytes`,
          'lower the batch size or raise maxFrameBytes on the receiver',
        );
      }
    }
    return this.#buffered >= FRAME_HEADER_BYTES + this.#expected;
  }

  #peekLength(): number {
    const head = this.#chunks[0]!;
    if (head.length >= FRAME_HEADER_BYTES) return head.readUInt32BE(0);
    const joined = Buffer.concat(this.#chunks);
    this.#chunks = [joined];
    return joined.readUInt32BE(0);
  }

  #takeFrame(): Buffer {
    const total = FRAME_HEADER_BYTES + this.#expected;
    const joined = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const payload = joined.subarray(FRAME_HEADER_BYTES, total);
    const rest = joined.subarray(total);
    this.#budget.usedBytes -= this.#buffered - rest.length;
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#buffered = rest.length;
    this.#expected = -1;
    return payload;
  }
}
