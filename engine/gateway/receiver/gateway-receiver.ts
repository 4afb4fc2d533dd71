import { Server, type Socket } from 'node:net';
import { createPortServer } from '../../net/tls-context.js';
import type { Credentials } from '../../security/credentials.js';
import type { Advertise } from '../../config/common-schema.js';
import type { ReceiverConfig } from '../../../contract/control-api/receiver-config.js';
import { EngineError, isEngineError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { FramedSocket } from '../../net/framed-socket.js';
import type { ByteBudget } from '../../net/frame-codec.js';
import { CONNECTIONS_PER_PORT_MAX, limitConnections, portBudget } from '../../net/port-limits.js';
import { DedupTracker } from './dedup-tracker.js';
import type { EventApplier } from './event-applier.js';
import { ReceiverSession } from './receiver-session.js';
import { emptyReceiverCounters, type ReceiverCounters } from './receiver-stats.js';
import { compressionOf, type ReceiverTransportStatus } from '../../../contract/transport.js';
import {
  emptyReceiverTransportCounters,
  receiverTransportStatus,
} from '../transport/receiver-transport.js';

export interface ReceiverStatus {
  running: boolean;
  manualStart: boolean;
  bindAddress: string;
  port?: number;
  startPort: number;
  endPort: number;
  advertise?: Advertise;
  connectedSenders: string[];
  stats: ReceiverCounters;
  /** Its transport filters: codec and byte counts (issue 15). */
  transport: ReceiverTransportStatus;
}

export interface ReceiverDeps {
  localDsid: number;
  memberUid: string;
  applier: EventApplier;
  logger: Logger;
  random: () => number;
  /** Whose senders it takes (issue 17). */
  credentials: Credentials;
}

/** The member's gateway receiver (RECV-1..5): a TCP server on a port from its range. */
export class GatewayReceiver {
  readonly #config: ReceiverConfig;
  readonly #deps: ReceiverDeps;
  readonly #stats = emptyReceiverCounters();
  readonly #transport = emptyReceiverTransportCounters();
  readonly #dedup = new DedupTracker();
  readonly #sessions = new Set<ReceiverSession>();
  readonly #budget: ByteBudget;
  #server: Server | undefined;
  #port: number | undefined;

  constructor(config: ReceiverConfig, deps: ReceiverDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#budget = portBudget(config.maxFrameBytes);
  }

  get running(): boolean {
    return this.#server !== undefined;
  }

  get port(): number | undefined {
    return this.#port;
  }

  get advertise(): Advertise | undefined {
    return this.#config.advertise;
  }

  async start(): Promise<void> {
    if (this.#server) {
      throw new EngineError(
        'WAN_ERR_RECEIVER_STATE',
        'gateway receiver is already running',
        'stop it first',
      );
    }
    const { startPort, endPort } = this.#config;
    const span = endPort - startPort + 1;
    const first = Math.floor(this.#deps.random() * span);
    for (let i = 0; i < span; i++) {
      const port = startPort + ((first + i) % span);
      const server = await this.#tryListen(port);
      if (!(server instanceof Server)) {
        if (portIsTaken(server)) continue;
        throw this.#bindError(server);
      }
      this.#server = server;
      this.#port = (server.address() as { port: number }).port;
      this.#deps.logger.info({ port: this.#port }, 'gateway receiver started');
      return;
    }
    throw new EngineError(
      'WAN_ERR_PORT_RANGE_EXHAUSTED',
      `no free port for the gateway receiver in ${startPort}-${endPort}`,
      'widen the receiver port range or free a port in it',
    );
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) {
      throw new EngineError(
        'WAN_ERR_RECEIVER_STATE',
        'gateway receiver is not running',
        'start it first',
      );
    }
    this.#server = undefined;
    this.#port = undefined;
    for (const session of this.#sessions) session.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.#deps.logger.info('gateway receiver stopped');
  }

  status(): ReceiverStatus {
    const { bindAddress, startPort, endPort, manualStart, advertise } = this.#config;
    return {
      running: this.running,
      manualStart,
      bindAddress,
      ...(this.#port !== undefined ? { port: this.#port } : {}),
      startPort,
      endPort,
      ...(advertise ? { advertise } : {}),
      connectedSenders: [...this.#sessions].flatMap((s) => (s.sender ? [s.sender] : [])),
      stats: { ...this.#stats },
      transport: receiverTransportStatus(compressionOf(this.#config.transport), this.#transport),
    };
  }

  /** A bind failure that no other port would avoid: the address itself is unusable. */
  #bindError(error: NodeJS.ErrnoException): EngineError {
    const { bindAddress } = this.#config;
    return new EngineError(
      'WAN_ERR_BIND_ADDRESS_UNAVAILABLE',
      `the gateway receiver cannot listen on bindAddress "${bindAddress}": ${error.code ?? error.message}`,
      'use an address of this host (for example 127.0.0.1, or 0.0.0.0 for every interface); to replace the receiver: DELETE /v1/receiver, then POST /v1/receiver with the fixed bindAddress',
      { cause: error },
    );
  }

  #tryListen(port: number): Promise<Server | NodeJS.ErrnoException> {
    return new Promise((resolve) => {
      const server = createPortServer(
        this.#deps.credentials.tls,
        (socket) => this.#accept(socket),
        (peer, error) => {
          this.#stats.protocolErrors++;
          this.#deps.logger.warn(
            { peer, err: error.message },
            'gateway connection closed: TLS handshake failed',
          );
        },
      );
      limitConnections(server, (peer) => {
        this.#stats.protocolErrors++;
        this.#deps.logger.error(
          { peer, connectionsMax: CONNECTIONS_PER_PORT_MAX },
          'gateway connection refused: too many open',
        );
      });
      server.once('error', (error: NodeJS.ErrnoException) => resolve(error));
      server.listen(port, this.#config.bindAddress, () => resolve(server));
    });
  }

  #accept(raw: Socket): void {
    raw.setTimeout(this.#config.maximumTimeBetweenPingsMs, () => raw.destroy());
    const socket = new FramedSocket(raw, this.#config.maxFrameBytes, { portBudget: this.#budget });
    const session = new ReceiverSession(socket, {
      localDsid: this.#deps.localDsid,
      memberUid: this.#deps.memberUid,
      applier: this.#deps.applier,
      dedup: this.#dedup,
      stats: this.#stats,
      logger: this.#deps.logger,
      onEventFailure: this.#config.onEventFailure,
      maxFrameBytes: this.#config.maxFrameBytes,
      credentials: this.#deps.credentials,
      compression: compressionOf(this.#config.transport),
      transport: this.#transport,
    });
    this.#sessions.add(session);
    const peer = socket.remote;
    socket.onClose((error) => {
      this.#sessions.delete(session);
      if (!isEngineError(error)) return;
      // Malformed or oversized frames: drop this connection only, keep serving others.
      this.#stats.protocolErrors++;
      this.#deps.logger.error(
        { peer, err: error.message, code: error.code },
        'gateway connection closed',
      );
    });
  }
}

/** Another port of the range may be free: the address is fine, this port is not. */
function portIsTaken(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EADDRINUSE' || error.code === 'EACCES';
}
