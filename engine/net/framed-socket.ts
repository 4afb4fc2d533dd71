import { connect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { EngineError, errorMessage } from '../errors.js';
import { ByteBudget, DEFAULT_MAX_FRAME_BYTES, FrameDecoder, encodeFrame } from './frame-codec.js';
import { PARTIAL_FRAME_STALL_MS } from './port-limits.js';

export interface Address {
  host: string;
  port: number;
}

export function formatAddress(address: Address): string {
  return `${address.host}:${address.port}`;
}

export function parseAddress(text: string): Address {
  const at = text.lastIndexOf(':');
  const port = Number(text.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new EngineError(
      'WAN_ERR_CONFIG_INVALID',
      `"${text}" is not a host:port address`,
      'write addresses as host:port, e.g. 127.0.0.1:10334',
    );
  }
  return { host: text.slice(0, at), port };
}

/** How long a connection closed after a last reply may wait for the peer's side to close. */
export const LINGER_MS = 1000;

export interface FrameLimits {
  /** Default PARTIAL_FRAME_STALL_MS. */
  partialFrameStallMs?: number;
  /** Shared by every connection of a listening port; none for a connection we dialled. */
  portBudget?: ByteBudget;
}

type MessageHandler = (message: unknown) => void;
type CloseHandler = (error: Error | undefined) => void;

/** A TCP socket that speaks whole frames; the one transport both gateway and locator use. */
export class FramedSocket {
  readonly socket: Socket;
  readonly #decoder: FrameDecoder;
  #onMessage: MessageHandler = () => {};
  #onClose: CloseHandler = () => {};
  #closed = false;
  #closeError: Error | undefined;
  #corked = false;
  readonly #stallMs: number;
  #stallTimer: NodeJS.Timeout | undefined;

  constructor(socket: Socket, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES, limits: FrameLimits = {}) {
    this.socket = socket;
    this.#decoder = new FrameDecoder(maxFrameBytes, limits.portBudget ?? new ByteBudget(Infinity));
    this.#stallMs = limits.partialFrameStallMs ?? PARTIAL_FRAME_STALL_MS;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    socket.on('error', (error) => (this.#closeError ??= error));
    socket.on('close', () => this.#finish());
  }

  get closed(): boolean {
    return this.#closed;
  }

  get remote(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
  }

  onMessage(handler: MessageHandler): void {
    this.#onMessage = handler;
  }

  onClose(handler: CloseHandler): void {
    this.#onClose = handler;
    if (this.#closed) handler(this.#closeError);
  }

  /**
   * False when the socket is closed; the frame is dropped then, and the caller must resend.
   * Frames sent in one turn of the event loop go out in one write (many small frames, e.g.
   * a member's fan-out, would otherwise cost a system call each).
   */
  send(message: unknown): boolean {
    if (this.#closed || this.socket.destroyed) return false;
    return this.sendFrame(encodeFrame(message));
  }

  /** A frame already encoded (encodeFrame); the same rules as `send`. */
  sendFrame(frame: Buffer): boolean {
    if (this.#closed || this.socket.destroyed) return false;
    if (!this.#corked) {
      this.#corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(frame);
    return true;
  }

  close(error?: Error): void {
    if (error) this.#closeError ??= error;
    this.socket.destroy();
  }

  /**
   * Sends what is queued (a refusal, an error reply), then closes; a peer that does not close
   * its side within LINGER_MS is cut off, so a hostile one cannot hold the connection open.
   */
  closeAfterFlush(error?: Error): void {
    if (error) this.#closeError ??= error;
    if (this.#closed || this.socket.destroyed) return;
    process.nextTick(() => this.socket.end());
    setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
  }

  #receive(chunk: Buffer): void {
    let messages: unknown[];
    try {
      messages = this.#decoder.push(chunk);
    } catch (error) {
      this.close(error instanceof Error ? error : new Error(errorMessage(error)));
      return;
    }
    this.#watchPartialFrame();
    for (const message of messages) {
      if (this.#closed || this.socket.destroyed) return;
      try {
        this.#onMessage(message);
      } catch (error) {
        this.close(handlerFailure(error));
        return;
      }
    }
  }

  /** A frame begun must go on arriving: see PARTIAL_FRAME_STALL_MS. */
  #watchPartialFrame(): void {
    clearTimeout(this.#stallTimer);
    this.#stallTimer = undefined;
    if (this.#decoder.bufferedBytes === 0) return;
    this.#stallTimer = setTimeout(() => {
      const held = this.#decoder.bufferedBytes;
      this.close(
        new EngineError(
          'WAN_ERR_PROTOCOL',
          `a frame stalled: ${held} bytes held and none more for ${this.#stallMs} ms`,
          'the peer stopped in the middle of a frame; it may reconnect and send again',
        ),
      );
    }, this.#stallMs);
    this.#stallTimer.unref();
  }

  #finish(): void {
    clearTimeout(this.#stallTimer);
    this.#decoder.clear();
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose(this.#closeError);
  }
}

/**
 * A handler that throws on a message it cannot handle (a wrong shape reaching code that
 * assumed one) ends this connection, never the process: every listening port relies on it.
 */
function handlerFailure(error: unknown): EngineError {
  return new EngineError(
    'WAN_ERR_PROTOCOL',
    `message not understood: ${errorMessage(error)}`,
    'the peer is not speaking the wanlab wire protocol of this version',
    { cause: error },
  );
}

/** Connects with a deadline; rejects with a coded error, never hangs. */
export function connectFramed(
  address: Address,
  timeoutMs: number,
  maxFrameBytes = DEFAULT_MAX_FRAME_BYTES,
  tls?: ConnectionOptions,
): Promise<FramedSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls
      ? tlsConnect({ ...tls, host: address.host, port: address.port })
      : connect({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new EngineError(
          'WAN_ERR_TIMEOUT',
          `connect to ${formatAddress(address)} timed out after ${timeoutMs} ms`,
          'check that the peer is running and the link between the sites is up',
        ),
      );
    }, timeoutMs);
    socket.once(tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(new FramedSocket(socket, maxFrameBytes));
    });
    socket.once('error', (cause) => {
      clearTimeout(timer);
      reject(
        new EngineError(
          'WAN_ERR_CONNECTION_CLOSED',
          `cannot connect to ${formatAddress(address)}: ${cause.message}`,
          'check that the peer is running and the link between the sites is up',
          { cause },
        ),
      );
    });
  });
}
