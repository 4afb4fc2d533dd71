import { EngineError, errorMessage, isEngineError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Credentials } from '../../security/credentials.js';
import { DEFAULT_MAX_FRAME_BYTES } from '../../net/frame-codec.js';
import { connectFramed, parseAddress, type FramedSocket } from '../../net/framed-socket.js';
import type { RegionEvent } from '../../region/region-event.js';
import { WIRE_PROTOCOL_VERSION } from '../../version.js';
import {
  GATEWAY_PROTOCOL,
  parseServerMessage,
  type AckMessage,
  helloContext,
  type HelloMessage,
  type ServerMessage,
} from '../protocol/messages.js';
import { encodeCompressedBatch, encodePlainBatch } from '../transport/batch-frame.js';
import type { SenderTransport } from '../transport/sender-transport.js';
import type { ReceiverDirectory } from './gateway-sender.js';

/** ok: acked; fail: the connection broke first; unknown: no ack within the read timeout. */
export type AckOutcome =
  | { kind: 'ok'; ack: AckMessage }
  | { kind: 'fail'; error: Error }
  | { kind: 'unknown'; error: Error };

export interface ReceiverLinkOptions {
  senderId: string;
  localDsid: number;
  remoteDsid: number;
  memberUid: string;
  dispatcher: number;
  directory: ReceiverDirectory;
  connectTimeoutMs: number;
  /** 0 waits for an ack forever, as Geode's default socket-read-timeout does. */
  socketReadTimeoutMs: number;
  logger: Logger;
  random: () => number;
  /** The proof its hello carries (issue 17). */
  credentials: Credentials;
  /**
   * Which receiver to try first, given the receivers the locator listed (sorted). Default:
   * a random one. Senders of several dispatchers spread them over the receivers (RECV-3).
   */
  firstChoice?: (addresses: readonly string[]) => number;
  /** The sender's codec and byte counts (issue 15); every lane of the sender shares it. */
  transport: SenderTransport;
  /** Wall-clock ms, for the time of a refusal. */
  nowMs: () => number;
}

/** The refusals a receiver may answer a hello with, and what to do about each. */
const REFUSAL_HINTS = {
  WAN_ERR_HANDSHAKE_REFUSED: 'see the receiver log',
  WAN_ERR_TRANSPORT_MISMATCH:
    "set the same transport.compression on the sender and on the remote site's receivers",
} as const;
type RefusalCode = keyof typeof REFUSAL_HINTS;

function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(REFUSAL_HINTS, code);
}

/** A receiver's refusal under its own code when it is one of these, else the general one. */
function refusalError(code: string, message: string): EngineError {
  const known = isRefusalCode(code) ? code : 'WAN_ERR_HANDSHAKE_REFUSED';
  return new EngineError(known, message, REFUSAL_HINTS[known]);
}

/** Keeps an idle connection alive past the receiver's maximum time between pings. */
const PING_INTERVAL_MS = 10000;

interface PendingAck {
  resolve: (outcome: AckOutcome) => void;
  timer: NodeJS.Timeout | undefined;
}

/** One dispatcher's connection to one receiver of the remote site. */
export class ReceiverLink {
  readonly #options: ReceiverLinkOptions;
  #socket: FramedSocket | undefined;
  #address: string | undefined;
  #nextBatchId = 0;
  #maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
  #pinger: NodeJS.Timeout | undefined;
  readonly #pending = new Map<number, PendingAck>();
  /** Compressed batches are written in batch id order, whatever their compression took. */
  #writes: Promise<void> = Promise.resolve();

  constructor(options: ReceiverLinkOptions) {
    this.#options = options;
  }

  get connected(): boolean {
    return this.#socket !== undefined && !this.#socket.closed;
  }

  /** The receiver's frame limit, as its welcome said (the default before any welcome). */
  get maxFrameBytes(): number {
    return this.#maxFrameBytes;
  }

  get address(): string | undefined {
    return this.connected ? this.#address : undefined;
  }

  /** Tries each known receiver once, starting at a random one; false when none answered. */
  async connect(): Promise<boolean> {
    if (this.connected) return true;
    const addresses = [...(await this.#receivers())].sort();
    const start = this.#options.firstChoice
      ? this.#options.firstChoice(addresses)
      : Math.floor(this.#options.random() * addresses.length);
    for (let i = 0; i < addresses.length; i++) {
      const address = addresses[(start + i) % addresses.length]!;
      if (await this.#tryConnect(address)) return true;
    }
    return false;
  }

  send(events: RegionEvent[]): Promise<AckOutcome> {
    const socket = this.#socket;
    if (!socket || socket.closed) {
      return Promise.resolve({ kind: 'fail', error: new Error('not connected') });
    }
    const batchId = this.#nextBatchId++;
    return new Promise((resolve) => {
      const timeoutMs = this.#options.socketReadTimeoutMs;
      const timer =
        timeoutMs > 0 ? setTimeout(() => this.#timeout(batchId, timeoutMs), timeoutMs) : undefined;
      this.#pending.set(batchId, { resolve, timer });
      this.#write(socket, batchId, events);
    });
  }

  #write(socket: FramedSocket, batchId: number, events: RegionEvent[]): void {
    const { transport } = this.#options;
    const codec = transport.compression;
    if (codec === 'none') {
      const encoded = encodePlainBatch(batchId, events);
      if (socket.sendFrame(encoded.frame))
        transport.countBatch(encoded.bytesBeforeCompression, encoded.bytesOnWire);
      return;
    }
    this.#writes = this.#writes
      .then(() => encodeCompressedBatch(codec, batchId, events))
      .then((encoded) => {
        if (socket.sendFrame(encoded.frame)) {
          transport.countBatch(encoded.bytesBeforeCompression, encoded.bytesOnWire);
        }
      })
      .catch((error: unknown) =>
        socket.close(error instanceof Error ? error : new Error(errorMessage(error))),
      );
  }

  close(): void {
    this.#socket?.close();
  }

  async #receivers(): Promise<string[]> {
    try {
      return await this.#options.directory.receiversFor(this.#options.remoteDsid);
    } catch (error) {
      this.#options.logger.debug({ err: errorMessage(error) }, 'no receiver list from the locator');
      return [];
    }
  }

  async #tryConnect(address: string): Promise<boolean> {
    const { connectTimeoutMs, logger } = this.#options;
    try {
      const socket = await connectFramed(
        parseAddress(address),
        connectTimeoutMs,
        undefined,
        this.#options.credentials.tls?.client,
      );
      await this.#handshake(socket, connectTimeoutMs);
      this.#adopt(socket, address);
      this.#options.transport.welcomed();
      logger.info({ receiver: address }, 'connected to gateway receiver');
      return true;
    } catch (error) {
      if (isEngineError(error) && isRefusalCode(error.code)) {
        this.#options.transport.refused({
          code: error.code,
          message: error.message,
          receiver: address,
          atMs: this.#options.nowMs(),
        });
        logger.error(
          { receiver: address, code: error.code, err: error.message },
          'gateway receiver refused this sender',
        );
      } else {
        logger.debug(
          { receiver: address, err: errorMessage(error) },
          'gateway receiver unreachable',
        );
      }
      return false;
    }
  }

  #handshake(socket: FramedSocket, timeoutMs: number): Promise<void> {
    const { senderId, localDsid, remoteDsid, memberUid, dispatcher } = this.#options;
    const hello: HelloMessage = {
      t: 'hello',
      protocol: GATEWAY_PROTOCOL,
      version: WIRE_PROTOCOL_VERSION,
      senderId,
      senderDsid: localDsid,
      senderMember: memberUid,
      dispatcher,
      expectDsid: remoteDsid,
    };
    const { compression } = this.#options.transport;
    if (compression !== 'none') hello.compression = compression;
    const auth = this.#options.credentials.prove('gateway', remoteDsid, helloContext(hello));
    if (auth) hello.auth = auth;
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.close();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new EngineError('WAN_ERR_TIMEOUT', 'handshake timed out', 'check the link')),
        timeoutMs,
      );
      socket.onMessage((raw) => {
        const reply = parseServerMessage(raw);
        if (reply.t === 'welcome') {
          clearTimeout(timer);
          this.#maxFrameBytes = reply.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
          resolve();
        } else if (reply.t === 'refused') {
          fail(refusalError(reply.code, reply.message));
        }
      });
      socket.onClose((error) => fail(error ?? new Error('closed during handshake')));
      socket.send(hello);
    });
  }

  #adopt(socket: FramedSocket, address: string): void {
    this.#socket = socket;
    this.#address = address;
    this.#nextBatchId = 0;
    this.#pinger = setInterval(() => socket.send({ t: 'ping' }), PING_INTERVAL_MS);
    this.#pinger.unref();
    socket.onMessage((raw) => this.#onMessage(socket, raw));
    socket.onClose((error) => this.#onClose(socket, error));
  }

  #onMessage(socket: FramedSocket, raw: unknown): void {
    let message: ServerMessage;
    try {
      message = parseServerMessage(raw);
    } catch (error) {
      socket.close(error instanceof Error ? error : undefined);
      return;
    }
    if (message.t !== 'ack') return;
    const pending = this.#pending.get(message.batchId);
    if (!pending) return;
    this.#pending.delete(message.batchId);
    clearTimeout(pending.timer);
    pending.resolve({ kind: 'ok', ack: message });
  }

  #onClose(socket: FramedSocket, error: Error | undefined): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    clearInterval(this.#pinger);
    const reason = error ?? new Error('connection closed by the receiver or the link');
    this.#options.logger.warn(
      { receiver: this.#address, err: reason.message },
      'gateway connection lost',
    );
    for (const [batchId, pending] of this.#pending) {
      clearTimeout(pending.timer);
      this.#pending.delete(batchId);
      pending.resolve({ kind: 'fail', error: reason });
    }
  }

  #timeout(batchId: number, timeoutMs: number): void {
    const pending = this.#pending.get(batchId);
    if (!pending) return;
    this.#pending.delete(batchId);
    pending.resolve({
      kind: 'unknown',
      error: new EngineError(
        'WAN_ERR_TIMEOUT',
        `no ack for batch ${batchId} within ${timeoutMs} ms`,
        'the link may be blackholed',
      ),
    });
    // The connection's state is unknown; a fresh one gives batch ids a fresh start.
    this.close();
  }
}
