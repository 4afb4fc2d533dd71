import { connect, type Socket } from 'node:net';

/**
 * A client that is not a gateway sender: it connects to a receiver (through a link proxy),
 * sends bytes an engine's driver made (a bad frame of its wire protocol), and reports
 * whether the receiver closed the connection.
 */
export class RawGatewayClient {
  readonly #socket: Socket;
  readonly closed: Promise<void>;
  #isClosed = false;
  #receivedBytes = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    void this.closed.then(() => (this.#isClosed = true));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => (this.#receivedBytes += chunk.length));
    // Read and drop what the server answers: unread data would hold back the 'end' (and so
    // the 'close') of a connection the server closed after a reply.
    socket.resume();
  }

  static async send(address: { host: string; port: number }, bytes: Buffer) {
    const socket = connect(address);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawGatewayClient(socket);
    socket.write(bytes);
    return client;
  }

  /** Bytes the server answered so far. */
  get receivedBytes(): number {
    return this.#receivedBytes;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  destroy(): void {
    this.#socket.destroy();
  }
}
