import type { Server } from 'node:net';
import { createPortServer, type TlsContext } from './tls-context.js';

/** What a refused TLS client is told to check. */
export const TLS_HINT =
  "a port of a TLS site takes only TLS clients with a certificate of the deployment's CA";
import { EngineError, errorMessage, isEngineError } from '../errors.js';
import { FramedSocket, connectFramed, type Address } from './framed-socket.js';
import { CONNECTIONS_PER_PORT_MAX, limitConnections, portBudget } from './port-limits.js';

/**
 * One request, one response, one connection. Discovery and membership traffic is a few
 * messages per second, so a connection per call keeps every call independent of link state.
 */
interface RpcResponse {
  ok: boolean;
  body?: unknown;
  error?: { code: string; message: string };
}

export type RpcHandler = (request: unknown, peer: string) => Promise<unknown>;

export async function callRpc(
  address: Address,
  request: unknown,
  timeoutMs: number,
  tls?: TlsContext,
): Promise<unknown> {
  const socket = await connectFramed(address, timeoutMs, undefined, tls?.client);
  try {
    return await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new EngineError(
            'WAN_ERR_TIMEOUT',
            `no reply within ${timeoutMs} ms`,
            'the peer is slow or the link drops data',
          ),
        );
      }, timeoutMs);
      socket.onMessage((message) => {
        clearTimeout(timer);
        const response = message as RpcResponse;
        if (response.ok) resolve(response.body);
        else
          reject(
            new EngineError(
              'WAN_ERR_PROTOCOL',
              response.error?.message ?? 'rpc failed',
              'see the peer log',
            ),
          );
      });
      socket.onClose((error) => {
        clearTimeout(timer);
        reject(
          new EngineError(
            'WAN_ERR_CONNECTION_CLOSED',
            `connection closed before the reply${error ? `: ${error.message}` : ''}`,
            'the link or the peer went away',
          ),
        );
      });
      socket.send(request);
    });
  } finally {
    socket.close();
  }
}

export interface RpcServer {
  readonly address: Address;
  /** Connections closed for a request the server could not decode or handle. */
  readonly protocolErrors: number;
  close(): Promise<void>;
}

/** Called once per connection closed for a protocol error, with the peer and the reason. */
export type ProtocolErrorHandler = (peer: string, error: EngineError) => void;

const RPC_MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * Answers each request with the handler's result. A request the handler refuses with a
 * protocol error (a wrong shape), or any throw it did not plan for, is answered with the error
 * and ends that connection, counted and reported; the server keeps serving everyone else.
 */
export function startRpcServer(
  bind: Address,
  handler: RpcHandler,
  onError: (error: unknown) => void,
  onProtocolError: ProtocolErrorHandler = () => {},
  tls?: TlsContext,
): Promise<RpcServer> {
  const open = new Set<FramedSocket>();
  const counters = { protocolErrors: 0 };
  const protocolError = (peer: string, error: EngineError): void => {
    counters.protocolErrors++;
    onProtocolError(peer, error);
  };
  const budget = portBudget(RPC_MAX_FRAME_BYTES);
  const tlsFailed = (peer: string, error: Error): void =>
    protocolError(
      peer,
      new EngineError('WAN_ERR_PROTOCOL', `TLS handshake failed: ${error.message}`, TLS_HINT),
    );
  const server = createPortServer(
    tls,
    (raw) => {
      const socket = new FramedSocket(raw, RPC_MAX_FRAME_BYTES, { portBudget: budget });
      const peer = socket.remote;
      open.add(socket);
      socket.onMessage((request) =>
        serveOne(socket, peer, request, handler, onError, protocolError),
      );
      socket.onClose((error) => {
        open.delete(socket);
        if (isEngineError(error)) protocolError(peer, error);
      });
    },
    tlsFailed,
  );
  limitConnections(server, (peer) =>
    protocolError(
      peer,
      new EngineError(
        'WAN_ERR_PROTOCOL',
        `connection refused: ${CONNECTIONS_PER_PORT_MAX} connections already open`,
        'a process opens connections without closing them',
      ),
    ),
  );
  return listen(server, bind, counters, () => open.forEach((socket) => socket.close()));
}

function serveOne(
  socket: FramedSocket,
  peer: string,
  request: unknown,
  handler: RpcHandler,
  onError: (error: unknown) => void,
  protocolError: ProtocolErrorHandler,
): void {
  Promise.resolve()
    .then(() => handler(request, peer))
    .then(
      (body) => socket.send({ ok: true, body } satisfies RpcResponse),
      (error: unknown) => {
        const coded = isEngineError(error);
        if (!coded) onError(error);
        const code = coded ? error.code : 'WAN_ERR_PROTOCOL';
        socket.send({
          ok: false,
          error: { code, message: errorMessage(error) },
        } satisfies RpcResponse);
        if (code !== 'WAN_ERR_PROTOCOL') return;
        protocolError(
          peer,
          coded ? error : new EngineError(code, errorMessage(error), 'see the server log'),
        );
        socket.closeAfterFlush();
      },
    );
}

function listen(
  server: Server,
  bind: Address,
  counters: { protocolErrors: number },
  dropConnections: () => void,
): Promise<RpcServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(bind.port, bind.host, () => {
      server.removeListener('error', reject);
      const info = server.address();
      const port = typeof info === 'object' && info ? info.port : bind.port;
      resolve({
        address: { host: bind.host, port },
        get protocolErrors() {
          return counters.protocolErrors;
        },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            dropConnections();
          }),
      });
    });
  });
}
