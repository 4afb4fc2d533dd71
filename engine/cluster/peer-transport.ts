import type { Server, Socket } from 'node:net';
import { createPortServer } from '../net/tls-context.js';
import { EngineError, errorMessage, isEngineError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Credentials, HandshakeProof } from '../security/credentials.js';
import {
  FramedSocket,
  connectFramed,
  formatAddress,
  parseAddress,
  type Address,
} from '../net/framed-socket.js';
import { CONNECTIONS_PER_PORT_MAX, limitConnections, portBudget } from '../net/port-limits.js';
import { WIRE_PROTOCOL_VERSION } from '../version.js';
import { memberKey, type MemberKey, type MemberRef } from './member-ref.js';

/**
 * Member-to-member traffic inside one site, on the same frames as the gateway (engine/net).
 * Each member dials each peer once; requests and one-way messages from A to B all travel on
 * A's connection to B, so B sees them in the order A sent them, and B answers on it. A request
 * has no deadline of its own: it fails when the connection breaks, which happens when the peer
 * dies or leaves the site's view. Handlers run in arrival order; whatever must stay ordered
 * has to happen before a handler's first `await`.
 */
export const PEER_PROTOCOL = 'wanlab-peer';

export interface PeerAddressBook {
  peer?: string;
}

export type PeerTarget = MemberRef & PeerAddressBook;

export type RequestHandler = (body: PeerBody, from: MemberRef) => unknown;
export type PeerBody = { t: string } & Record<string, unknown>;
/** What a member sends: any typed message with a tag; received bodies are checked as PeerBody. */
export interface OutgoingPeerBody {
  readonly t: string;
}

interface HelloFrame {
  t: 'hello';
  protocol: string;
  version: number;
  dsid: number;
  from: MemberRef;
  profile: unknown;
  /** The site's proof, when the site authenticates (issue 17). */
  auth?: HandshakeProof;
}

/** The fields of a peer hello its proof covers. */
function peerHelloContext(hello: Pick<HelloFrame, 'dsid' | 'from'>): (string | number)[] {
  return ['peer-hello', hello.dsid, hello.from.name, hello.from.uid, hello.from.session];
}

interface Pending {
  resolve: (body: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

export interface PeerTransportOptions {
  dsid: number;
  bind: Address;
  logger: Logger;
  connectTimeoutMs: number;
  self: () => MemberRef;
  profile: () => unknown;
  /** What its hello proves and what it asks of others' (issue 17). */
  credentials: Credentials;
}

const PEER_MAX_FRAME_BYTES = 256 * 1024 * 1024;

function unavailable(target: MemberRef, why: string): EngineError {
  return new EngineError(
    'WAN_ERR_PEER_UNAVAILABLE',
    `member ${target.name} (session ${target.session}) is unreachable: ${why}`,
    'the member died or left the site; the operation is retried against the new view',
  );
}

/** The connection this member dialled to one peer. */
class PeerLink {
  readonly target: PeerTarget;
  readonly pending = new Map<number, Pending>();
  socket: FramedSocket | undefined;
  backlog: unknown[] = [];
  dead = false;

  constructor(target: PeerTarget) {
    this.target = target;
  }
}

export class PeerTransport {
  readonly #options: PeerTransportOptions;
  readonly #links = new Map<MemberKey, PeerLink>();
  readonly #inbound = new Set<FramedSocket>();
  #server: Server | undefined;
  #address: Address | undefined;
  #nextId = 1;
  #handler: RequestHandler = () => undefined;
  #helloListeners: Array<(from: MemberRef, profile: unknown) => void> = [];
  #lostListeners: Array<(peer: MemberRef) => void> = [];
  #accept: (from: MemberRef) => boolean = () => true;
  #protocolErrors = 0;
  readonly #budget = portBudget(PEER_MAX_FRAME_BYTES);

  constructor(options: PeerTransportOptions) {
    this.#options = options;
  }

  get address(): string | undefined {
    return this.#address ? formatAddress(this.#address) : undefined;
  }

  /** Inbound connections closed since start for a frame that was not the peer protocol. */
  get protocolErrors(): number {
    return this.#protocolErrors;
  }

  onRequest(handler: RequestHandler): void {
    this.#handler = handler;
  }

  /** A peer's profile, as carried by a hello or a welcome. */
  onHello(listener: (from: MemberRef, profile: unknown) => void): void {
    this.#helloListeners.push(listener);
  }

  /** A connection to or from a peer broke (it may have died). */
  onLost(listener: (peer: MemberRef) => void): void {
    this.#lostListeners.push(listener);
  }

  /** Which peers may connect: members that left the site may not come back in the same session. */
  acceptWhen(predicate: (from: MemberRef) => boolean): void {
    this.#accept = predicate;
  }

  async start(): Promise<string> {
    const { host, port } = this.#options.bind;
    const server = createPortServer(
      this.#options.credentials.tls,
      (socket) => this.#acceptSocket(socket),
      (peer, error) => this.#protocolError(peer, `TLS handshake failed: ${error.message}`),
    );
    limitConnections(server, (peer) =>
      this.#protocolError(peer, `connection refused: ${CONNECTIONS_PER_PORT_MAX} already open`),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
    this.#server = server;
    const info = server.address();
    this.#address = { host, port: typeof info === 'object' && info ? info.port : port };
    return formatAddress(this.#address);
  }

  request<B extends OutgoingPeerBody>(
    target: PeerTarget,
    body: B,
    timeoutMs?: number,
  ): Promise<unknown> {
    const link = this.#link(target);
    if (link.dead) return Promise.reject(unavailable(target, 'connection lost'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer =
        timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              link.pending.delete(id);
              reject(
                new EngineError(
                  'WAN_ERR_TIMEOUT',
                  `member ${target.name} did not answer "${body.t}" within ${timeoutMs} ms`,
                  'the member may be frozen or overloaded',
                ),
              );
            }, timeoutMs);
      link.pending.set(id, { resolve, reject, timer });
      this.#write(link, { t: 'req', id, body });
    });
  }

  /** One-way; dropped silently if the peer is gone. */
  send<B extends OutgoingPeerBody>(target: PeerTarget, body: B): void {
    const link = this.#link(target);
    if (!link.dead) this.#write(link, { t: 'msg', body });
  }

  /** Closes every connection with a member session (it left the view). */
  drop(peer: Pick<MemberRef, 'uid' | 'session'>): void {
    const key = memberKey(peer);
    const link = this.#links.get(key);
    if (link) this.#fail(link, 'it left the site', false);
    for (const socket of this.#inbound) {
      if (inboundPeer.get(socket) === key) socket.close();
    }
  }

  /** Closes every connection (this member rejoins as a new session, or stops). */
  dropAll(): void {
    for (const link of [...this.#links.values()]) this.#fail(link, 'this member left', false);
    for (const socket of this.#inbound) socket.close();
  }

  async close(): Promise<void> {
    this.dropAll();
    const server = this.#server;
    this.#server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #link(target: PeerTarget): PeerLink {
    const key = memberKey(target);
    let link = this.#links.get(key);
    if (!link) {
      link = new PeerLink(target);
      this.#links.set(key, link);
      void this.#connect(link);
    }
    return link;
  }

  #write(link: PeerLink, frame: unknown): void {
    if (link.socket) link.socket.send(frame);
    else link.backlog.push(frame);
  }

  async #connect(link: PeerLink): Promise<void> {
    const { target } = link;
    if (!target.peer) {
      this.#fail(link, 'it has no peer address', true);
      return;
    }
    try {
      const socket = await connectFramed(
        parseAddress(target.peer),
        this.#options.connectTimeoutMs,
        PEER_MAX_FRAME_BYTES,
        this.#options.credentials.tls?.client,
      );
      await this.#handshake(socket, target);
      if (link.dead) {
        socket.close();
        return;
      }
      link.socket = socket;
      socket.onMessage((raw) => this.#onReply(link, raw));
      socket.onClose((error) => this.#fail(link, error?.message ?? 'connection closed', true));
      for (const frame of link.backlog) socket.send(frame);
      link.backlog = [];
    } catch (error) {
      this.#fail(link, errorMessage(error), true);
    }
  }

  #handshake(socket: FramedSocket, target: PeerTarget): Promise<void> {
    const hello: HelloFrame = {
      t: 'hello',
      protocol: PEER_PROTOCOL,
      version: WIRE_PROTOCOL_VERSION,
      dsid: this.#options.dsid,
      from: this.#options.self(),
      profile: this.#options.profile(),
    };
    const auth = this.#options.credentials.prove(
      'site',
      this.#options.dsid,
      peerHelloContext(hello),
    );
    if (auth) hello.auth = auth;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close();
        reject(new Error('peer handshake timed out'));
      }, this.#options.connectTimeoutMs);
      socket.onMessage((raw) => {
        clearTimeout(timer);
        const reply = raw as { t?: string; from?: MemberRef; profile?: unknown; message?: string };
        if (reply.t === 'welcome' && reply.from && memberKey(reply.from) === memberKey(target)) {
          for (const listener of this.#helloListeners) listener(reply.from, reply.profile);
          resolve();
          return;
        }
        socket.close();
        reject(new Error(reply.message ?? `unexpected handshake reply from ${target.name}`));
      });
      socket.onClose((error) => {
        clearTimeout(timer);
        reject(error ?? new Error('closed during handshake'));
      });
      socket.send(hello);
    });
  }

  #onReply(link: PeerLink, raw: unknown): void {
    const frame = raw as {
      t?: string;
      id?: number;
      ok?: boolean;
      body?: unknown;
      error?: { code: string; message: string; hint?: string };
    };
    if (frame.t !== 'res' || frame.id === undefined) return;
    const pending = link.pending.get(frame.id);
    if (!pending) return;
    link.pending.delete(frame.id);
    clearTimeout(pending.timer);
    if (frame.ok) pending.resolve(frame.body);
    else pending.reject(remoteError(link.target, frame.error));
  }

  #fail(link: PeerLink, why: string, report: boolean): void {
    if (link.dead) return;
    link.dead = true;
    link.backlog = [];
    link.socket?.close();
    const error = unavailable(link.target, why);
    for (const [id, pending] of link.pending) {
      clearTimeout(pending.timer);
      link.pending.delete(id);
      pending.reject(error);
    }
    if (this.#links.get(memberKey(link.target)) === link)
      this.#links.delete(memberKey(link.target));
    this.#options.logger.debug({ peer: link.target.name, why }, 'peer connection closed');
    if (report) for (const listener of this.#lostListeners) listener(link.target);
  }

  #acceptSocket(raw: Socket): void {
    const socket = new FramedSocket(raw, PEER_MAX_FRAME_BYTES, { portBudget: this.#budget });
    this.#inbound.add(socket);
    const peer = socket.remote;
    let from: MemberRef | undefined;
    socket.onClose((error) => {
      this.#inbound.delete(socket);
      if (isEngineError(error)) this.#protocolError(peer, error.message);
      if (from) for (const listener of this.#lostListeners) listener(from);
    });
    socket.onMessage((raw) => {
      if (!from) {
        from = this.#onHello(socket, raw);
        if (from) inboundPeer.set(socket, memberKey(from));
        return;
      }
      this.#onFrame(socket, from, raw);
    });
  }

  #protocolError(peer: string, why: string): void {
    this.#protocolErrors++;
    this.#options.logger.warn({ peer, err: why }, 'peer connection closed after a protocol error');
  }

  #onHello(socket: FramedSocket, raw: unknown): MemberRef | undefined {
    const hello = (isRecord(raw) ? raw : {}) as Partial<HelloFrame>;
    const refusal =
      hello.t !== 'hello' || hello.protocol !== PEER_PROTOCOL || !isMemberRef(hello.from)
        ? 'not a wanlab peer hello'
        : hello.version !== WIRE_PROTOCOL_VERSION
          ? `protocol version ${hello.version} is not ${WIRE_PROTOCOL_VERSION}`
          : hello.dsid !== this.#options.dsid
            ? `member of site ${hello.dsid} cannot join site ${this.#options.dsid}`
            : !this.#accept(hello.from)
              ? 'that member session left the site'
              : this.#options.credentials.refusal(
                  'site',
                  hello.auth,
                  peerHelloContext(hello as HelloFrame),
                  this.#options.dsid,
                );
    if (refusal) {
      this.#protocolError(socket.remote, `hello refused: ${refusal}`);
      socket.send({ t: 'refused', message: refusal });
      socket.closeAfterFlush();
      return undefined;
    }
    const from = hello.from!;
    for (const listener of this.#helloListeners) listener(from, hello.profile);
    socket.send({ t: 'welcome', from: this.#options.self(), profile: this.#options.profile() });
    return from;
  }

  #onFrame(socket: FramedSocket, from: MemberRef, raw: unknown): void {
    const frame = (isRecord(raw) ? raw : {}) as { t?: string; id?: number; body?: PeerBody };
    if (!isRecord(frame.body) || typeof frame.body.t !== 'string') {
      this.#protocolError(socket.remote, 'a frame without a body');
      socket.close();
      return;
    }
    let result: unknown;
    try {
      result = this.#handler(frame.body, from);
    } catch (error) {
      result = Promise.reject(error);
    }
    if (frame.t !== 'req' || frame.id === undefined) {
      if (result instanceof Promise) result.catch((error) => this.#logFailure(frame.body!, error));
      return;
    }
    const id = frame.id;
    Promise.resolve(result).then(
      (body) => socket.send({ t: 'res', id, ok: true, body }),
      (error: unknown) => {
        if (!isEngineError(error)) this.#logFailure(frame.body!, error);
        socket.send({
          t: 'res',
          id,
          ok: false,
          error: isEngineError(error)
            ? error.toJSON()
            : { code: 'WAN_ERR_PROTOCOL', message: errorMessage(error) },
        });
      },
    );
  }

  #logFailure(body: PeerBody, error: unknown): void {
    this.#options.logger.error(
      { request: body.t, err: errorMessage(error) },
      'peer request failed',
    );
  }
}

const inboundPeer = new WeakMap<FramedSocket, MemberKey>();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMemberRef(value: unknown): value is MemberRef {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    typeof value.uid === 'string' &&
    typeof value.session === 'number'
  );
}

function remoteError(
  target: MemberRef,
  error: { code: string; message: string; hint?: string } | undefined,
): Error {
  const code = (error?.code ?? 'WAN_ERR_PROTOCOL') as ConstructorParameters<typeof EngineError>[0];
  return new EngineError(
    code,
    `member ${target.name}: ${error?.message ?? 'request failed'}`,
    error?.hint ?? 'see that member log',
  );
}
