import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type ConnectionOptions, type TlsOptions } from 'node:tls';
import { EngineError, errorMessage } from '../errors.js';

/** A process's TLS files (engine/config/security-schema.ts, issue 17). */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
  requireClientCert: boolean;
}

/** What its servers and its clients use: its site's certificate, and the deployment's CA. */
export interface TlsContext {
  server: TlsOptions;
  client: ConnectionOptions;
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new EngineError(
      'WAN_ERR_CONFIG_UNREADABLE',
      `cannot read the TLS ${what} ${path}: ${errorMessage(error)}`,
      'fix tls.certFile, tls.keyFile and tls.caFile in the configuration',
    );
  }
}

export function loadTls(files: TlsFiles): TlsContext {
  const cert = read(files.certFile, 'certificate');
  const key = read(files.keyFile, 'key');
  const ca = read(files.caFile, 'CA certificate');
  return {
    server: {
      cert,
      key,
      ca,
      requestCert: files.requireClientCert,
      rejectUnauthorized: files.requireClientCert,
      minVersion: 'TLSv1.2',
    },
    client: { cert, key, ca, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
  };
}

/** The peer address of a socket, for logs. */
export function peerOf(socket: Socket): string {
  return `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
}

/**
 * A listening port's server: plain TCP, or TLS with the process's certificate. A client that
 * fails the TLS handshake (plain text, an unknown CA, no certificate when one is required)
 * is reported to `onTlsError` and its connection dropped; the server keeps serving.
 */
export function createPortServer(
  tls: TlsContext | undefined,
  onSocket: (socket: Socket) => void,
  onTlsError: (peer: string, error: Error) => void,
): Server {
  if (!tls) return createServer(onSocket);
  const server = createTlsServer(tls.server, onSocket);
  server.on('tlsClientError', (error, socket) => onTlsError(peerOf(socket), error));
  return server;
}
