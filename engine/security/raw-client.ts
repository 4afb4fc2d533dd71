import { connect, type Socket } from 'node:net';
import type { Address } from '../net/framed-socket.js';

/**
 * Test helper: a plain TCP client that writes raw bytes, as an attacker on the same machine
 * would, and reports what came back and whether the server closed the connection.
 */
export interface RawExchange {
  received: Buffer;
  closedByServer: boolean;
}

export function sendRaw(address: Address, bytes: Buffer, waitMs = 2000): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect({ host: address.host, port: address.port });
    const finish = (closedByServer: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ received: Buffer.concat(chunks), closedByServer });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => finish(true));
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => socket.write(bytes));
  });
}

/** A frame header declaring `length` payload bytes, followed by `payload`. */
export function rawFrame(length: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length >>> 0, 0);
  return Buffer.concat([header, payload]);
}
