import { createServer, type Server } from 'node:net';
import { EngineError, errorMessage, isEngineError } from '../errors.js';
import { FramedSocket, connectFramed, type Address } from './framed-socket.js';

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
): Promise<unknown> {
  const socket = await connectFramed(address, timeoutMs);
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
  close(): Promise<void>;
}

const RPC_MAX_FRAME_BYTES = 4 * 1024 * 1024;

export function startRpcServer(
  bind: Address,
  handler: RpcHandler,
  onError: (error: unknown) => void,
): Promise<RpcServer> {
  const open = new Set<FramedSocket>();
  const server = createServer((raw) => {
    const socket = new FramedSocket(raw, RPC_MAX_FRAME_BYTES);
    open.add(socket);
    socket.onMessage((request) => {
      handler(request, socket.remote).then(
        (body) => socket.send({ ok: true, body } satisfies RpcResponse),
        (error: unknown) => {
          if (!isEngineError(error)) onError(error);
          const code = isEngineError(error) ? error.code : 'WAN_ERR_PROTOCOL';
          socket.send({
            ok: false,
            error: { code, message: errorMessage(error) },
          } satisfies RpcResponse);
        },
      );
    });
    socket.onClose(() => open.delete(socket));
  });
  return listen(server, bind, () => open.forEach((socket) => socket.close()));
}

function listen(server: Server, bind: Address, dropConnections: () => void): Promise<RpcServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(bind.port, bind.host, () => {
      server.removeListener('error', reject);
      const info = server.address();
      const port = typeof info === 'object' && info ? info.port : bind.port;
      resolve({
        address: { host: bind.host, port },
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            dropConnections();
          }),
      });
    });
  });
}
