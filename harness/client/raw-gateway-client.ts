import { connect, type Socket } from 'node:net';
import { encodeFrame } from '../../engine/net/frame-codec.js';

/** Bad input a gateway receiver must survive (a malformed or oversized frame, no hello). */
export type BadFrame = 'garbage' | 'oversized' | 'batch-before-hello';

/** A frame whose payload announces a 5-byte string and ends after 2: no decoder accepts it. */
const NOT_MESSAGEPACK = Buffer.from([0, 0, 0, 4, 0xd9, 5, 0x61, 0x62]);

function framesFor(kind: BadFrame): Buffer {
  switch (kind) {
    case 'garbage':
      return NOT_MESSAGEPACK;
    case 'oversized': {
      // A header announcing 1 GiB; the receiver must refuse it before buffering a byte of it.
      const header = Buffer.alloc(8);
      header.writeUInt32BE(2 ** 30, 0);
      return header;
    }
    case 'batch-before-hello':
      return encodeFrame({ t: 'batch', batchId: 0, events: [] });
  }
}

/**
 * A client that is not a gateway sender: it connects to a receiver (through a link proxy),
 * sends one bad frame, and reports whether the receiver closed the connection.
 */
export class RawGatewayClient {
  readonly #socket: Socket;
  readonly closed: Promise<void>;
  #isClosed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    void this.closed.then(() => (this.#isClosed = true));
    socket.on('error', () => undefined);
  }

  static async send(address: { host: string; port: number }, kind: BadFrame) {
    const socket = connect(address);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawGatewayClient(socket);
    socket.write(framesFor(kind));
    return client;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  destroy(): void {
    this.#socket.destroy();
  }
}
