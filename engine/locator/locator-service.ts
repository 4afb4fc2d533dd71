import type { Clock } from '../clock.js';
import type { LocatorConfig } from '../config/locator-config.js';
import { definitionConflicts, describeConflict } from '../../contract/site-compat.js';
import { EngineError, errorMessage } from '../errors.js';
import { Credentials, type HandshakeProof } from '../security/credentials.js';
import { loadTls } from '../net/tls-context.js';
import { trustedRecords } from './record-trust.js';
import type { Logger } from '../log.js';
import { connectFramed, formatAddress, parseAddress } from '../net/framed-socket.js';
import { callRpc, startRpcServer, type RpcServer } from '../net/rpc.js';
import { DiscoveryView, addressFor, type DiscoveryRecord } from './discovery-view.js';
import {
  locatorRequestContext,
  parseLocatorRequest,
  type LocatorRequest,
  type MemberRegistration,
  type MembershipView,
  type RegisterReply,
} from './locator-protocol.js';
import { SiteMembership } from './site-membership.js';

export interface LocatorView {
  name: string;
  distributedSystemId: number;
  address: string;
  sites: number[];
  locators: DiscoveryRecord[];
  receivers: DiscoveryRecord[];
  membership: MembershipView;
  /** Addresses this locator exchanges views with (DISC-2 and sites that contacted it). */
  exchangePeers: string[];
  /** Connections closed since start for a request that was not the locator protocol. */
  protocolErrors: number;
  /** Requests and exchange replies refused for missing or wrong site credentials (issue 17). */
  authenticationsRefused: number;
}

/** An exchange's answer: the responder's view, and who answers with its proof (issue 17). */
interface ExchangeReply {
  records: DiscoveryRecord[];
  from?: DiscoveryRecord;
  auth?: HandshakeProof;
}

const SUSPECT_CHECK_TIMEOUT_MS = 1000;
/** The fields of an exchange reply its proof covers. */
const EXCHANGE_REPLY_CONTEXT = ['locator-exchange-reply'];

export interface LocatorDeps {
  clock: Clock;
  logger: Logger;
}

/**
 * A site's locator (DISC-1..7): tracks the site's members, and exchanges what it knows of all
 * sites' locators and receivers with its remote locators, on start, on every change, and every
 * `exchangeIntervalMs`.
 */
export class LocatorService {
  readonly #config: LocatorConfig;
  readonly #deps: LocatorDeps;
  readonly #dsid: number;
  readonly #view = new DiscoveryView();
  readonly #membership: SiteMembership;
  /** Sites that exchanged with us, keyed by their locator record key: push to them too. */
  readonly #inboundPeers = new Map<string, DiscoveryRecord>();
  readonly #incarnation: number;
  #generation = 0;
  readonly #credentials: Credentials;
  /** Sites whose locators proved themselves to this one: relays cannot change their records. */
  readonly #heardDirectly = new Set<number>();
  #authenticationsRefused = 0;
  #server: RpcServer | undefined;
  #timers: NodeJS.Timeout[] = [];
  #pushScheduled = false;

  constructor(config: LocatorConfig, deps: LocatorDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#dsid = config.site.distributedSystemId;
    this.#membership = new SiteMembership(this.#dsid);
    this.#credentials = new Credentials(
      config.security,
      this.#dsid,
      Date.now,
      config.tls ? loadTls(config.tls) : undefined,
    );
    this.#incarnation = deps.clock.now();
  }

  get address(): string {
    return this.#server ? formatAddress(this.#server.address) : formatAddress(this.#config.bind);
  }

  async start(): Promise<void> {
    this.#server = await startRpcServer(
      this.#config.bind,
      (request) => this.#handle(this.#admit(request)),
      (error) => this.#deps.logger.error({ err: errorMessage(error) }, 'locator request failed'),
      (peer, error) =>
        this.#deps.logger.warn(
          { peer, code: error.code, err: error.message },
          'locator connection closed after a protocol error',
        ),
      this.#credentials.tls,
    );
    this.#view.merge([this.#selfRecord('up')]);
    this.#deps.logger.info({ address: this.address }, 'locator started');
    this.#every(this.#config.exchangeIntervalMs, () => this.#pushToAll());
    this.#every(Math.max(10, Math.floor(this.#config.memberTimeoutMs / 4)), () =>
      this.#expireMembers(),
    );
    void this.#pushToAll();
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers = [];
    if (this.#config.announceShutdown && this.#server) {
      this.#view.merge([this.#selfRecord('down')]);
      await this.#pushToAll();
    }
    await this.#server?.close();
    this.#server = undefined;
    this.#deps.logger.info('locator stopped');
  }

  view(): LocatorView {
    return {
      name: this.#config.name,
      distributedSystemId: this.#dsid,
      address: this.address,
      sites: this.#view.sites(),
      locators: this.#view.all().filter((r) => r.kind === 'locator'),
      receivers: this.#view.all().filter((r) => r.kind === 'receiver'),
      membership: this.#membership.view(),
      exchangePeers: this.#exchangeTargets(),
      protocolErrors: this.#server?.protocolErrors ?? 0,
      authenticationsRefused: this.#authenticationsRefused,
    };
  }

  /**
   * A request, once its shape and its credentials are checked (issue 17): members' requests
   * must prove this site; an exchange must prove the site it says it comes from.
   */
  #admit(raw: unknown): LocatorRequest {
    const request = parseLocatorRequest(raw);
    const claimed = request.t === 'exchange' ? request.from.dsid : this.#dsid;
    const refusal = this.#credentials.refusal(
      claimed === this.#dsid ? 'site' : 'locator',
      (raw as { auth?: unknown }).auth,
      locatorRequestContext(request),
      claimed,
    );
    if (!refusal) return request;
    throw this.#refused(`"${request.t}" claiming site ${claimed}`, refusal);
  }

  #refused(what: string, refusal: string): EngineError {
    this.#authenticationsRefused++;
    this.#deps.logger.warn(
      {
        code: 'WAN_ERR_AUTHENTICATION_REFUSED',
        what,
        refusal,
        refused: this.#authenticationsRefused,
      },
      'locator refused a party without valid site credentials',
    );
    return new EngineError(
      'WAN_ERR_AUTHENTICATION_REFUSED',
      `locator ${this.#config.name} refused ${what}: ${refusal}`,
      "give every process of a site its site's secret, and each receiving site the keys of the sites connected to it",
    );
  }

  async #handle(request: LocatorRequest): Promise<unknown> {
    switch (request.t) {
      case 'register':
        return this.#register(request.member);
      case 'deregister':
        this.#leave(
          this.#membership.leave(request.name, request.uid, this.#deps.clock.monotonicMs()),
        );
        return {};
      case 'suspect':
        return this.#suspect(request);
      case 'receivers':
        return { addresses: this.#receiversFor(request.dsid, request.forDsid) };
      case 'exchange':
        return this.#exchange(request.from, request.records);
      case 'view':
        return this.view();
    }
  }

  #register(member: MemberRegistration): RegisterReply {
    const refusal = this.#refusal(member);
    if (refusal) {
      this.#deps.logger.warn({ peer: member.name, refusal: refusal.message }, 'member refused');
      return refusal;
    }
    const nowMs = this.#deps.clock.monotonicMs();
    const outcome = this.#membership.register(member, nowMs);
    if (outcome === 'expelled') {
      return { outcome: 'expelled', reason: `session ${member.session} was removed from the site` };
    }
    if (outcome === 'joined') {
      this.#deps.logger.info(
        { peer: member.name, uid: member.uid, session: member.session },
        'member joined the site',
      );
    }
    this.#recordReceiver(member, member.receiver?.running ? 'up' : 'down');
    return {
      outcome: 'member',
      view: this.#membership.view(),
      memberTimeoutMs: this.#config.memberTimeoutMs,
    };
  }

  /** A member of another site, or one whose definitions clash with a running member's. */
  #refusal(member: MemberRegistration): Extract<RegisterReply, { outcome: 'refused' }> | undefined {
    if (member.dsid !== this.#dsid) {
      return {
        outcome: 'refused',
        code: 'WAN_ERR_MEMBER_REFUSED',
        message: `member ${member.name} names site ${member.dsid}, but locator ${this.#config.name} serves site ${this.#dsid}`,
        hint: "list only the locators of the member's own site in its `locators`",
      };
    }
    if (!member.definitions) return undefined;
    for (const other of this.#membership.registrations()) {
      if (other.name === member.name || !other.definitions) continue;
      const conflicts = definitionConflicts(member.definitions, other.definitions);
      if (conflicts.length === 0) continue;
      return {
        outcome: 'refused',
        code: 'WAN_ERR_MEMBER_REFUSED',
        message: `member ${member.name} defines ${conflicts.map(describeConflict).join('; ')} (running member ${other.name} has the second value)`,
        hint: 'every member of a site must define a sender or region the same way',
      };
    }
    return undefined;
  }

  /**
   * Another member lost its connection to `name`. A process that died has closed its peer
   * port, so one failed connect is proof enough (Geode's final check); a frozen one still
   * accepts connections and leaves only when its heartbeats time out.
   */
  async #suspect(request: {
    name: string;
    uid: string;
    session: number;
    reporter: string;
  }): Promise<MembershipView> {
    const suspect = this.#membership.find(request.name);
    if (
      suspect?.peer &&
      suspect.uid === request.uid &&
      suspect.session === request.session &&
      !(await this.#answers(suspect.peer))
    ) {
      const gone = this.#membership.remove(
        request.name,
        request.uid,
        request.session,
        this.#deps.clock.monotonicMs(),
      );
      if (gone) {
        this.#deps.logger.warn(
          { peer: gone.name, reporter: request.reporter },
          'member found dead and removed from the site',
        );
        this.#recordReceiver(gone, 'down');
      }
    }
    return this.#membership.view();
  }

  async #answers(peer: string): Promise<boolean> {
    try {
      const socket = await connectFramed(
        parseAddress(peer),
        Math.min(SUSPECT_CHECK_TIMEOUT_MS, this.#config.requestTimeoutMs),
        undefined,
        this.#credentials.tls?.client,
      );
      socket.close();
      return true;
    } catch {
      return false;
    }
  }

  #leave(registration: MemberRegistration | undefined): void {
    if (!registration) return;
    this.#deps.logger.info({ peer: registration.name }, 'member left the site');
    this.#recordReceiver(registration, 'down');
  }

  #expireMembers(): void {
    const nowMs = this.#deps.clock.monotonicMs();
    for (const gone of this.#membership.expire(nowMs, this.#config.memberTimeoutMs)) {
      this.#deps.logger.warn({ peer: gone.name }, 'member timed out and left the site');
      this.#recordReceiver(gone, 'down');
    }
  }

  #recordReceiver(member: MemberRegistration, status: 'up' | 'down'): void {
    if (!member.receiver) return;
    const current = this.#view.get('receiver', this.#dsid, member.name);
    const sameIncarnation = current?.incarnation === member.incarnation;
    const record: DiscoveryRecord = {
      kind: 'receiver',
      dsid: this.#dsid,
      name: member.name,
      address: member.receiver.address,
      ...(member.receiver.advertise ? { advertise: member.receiver.advertise } : {}),
      status,
      incarnation: member.incarnation,
      generation: sameIncarnation ? current.generation + 1 : 0,
    };
    if (
      current &&
      sameIncarnation &&
      current.status === status &&
      current.address === record.address
    ) {
      return;
    }
    if (this.#view.merge([record])) this.#schedulePush();
  }

  #receiversFor(dsid: number, forDsid: number): string[] {
    return this.#view.up('receiver', dsid).map((record) => addressFor(record, forDsid));
  }

  #exchange(from: DiscoveryRecord, records: DiscoveryRecord[]): ExchangeReply {
    if (from.dsid !== this.#dsid || from.name !== this.#config.name) {
      this.#inboundPeers.set(`${from.dsid}:${from.name}`, from);
    }
    this.#mergeFrom(from.dsid, records);
    return this.#reply(from.dsid);
  }

  /** Merges what a site sent; with authentication, only what that site may change. */
  #mergeFrom(fromDsid: number, records: DiscoveryRecord[]): void {
    let taken = records;
    if (this.#credentials.enabled) {
      if (fromDsid !== this.#dsid) this.#heardDirectly.add(fromDsid);
      taken = trustedRecords(records, fromDsid, this.#dsid, this.#heardDirectly);
      // A site relays every record it holds; only those that would have changed ours matter.
      const refused = this.#view.newer(records.filter((r) => !taken.includes(r)));
      if (refused.length > 0) {
        this.#deps.logger.warn(
          { fromDsid, refused: refused.map((r) => `${r.kind}:${r.dsid}:${r.name}`) },
          "ignored a change to another site's records",
        );
      }
    }
    if (this.#view.merge(taken)) this.#schedulePush();
  }

  #reply(toDsid: number): ExchangeReply {
    const from = this.#view.get('locator', this.#dsid, this.#config.name);
    const auth = this.#credentials.prove(
      toDsid === this.#dsid ? 'site' : 'locator',
      toDsid,
      EXCHANGE_REPLY_CONTEXT,
    );
    return { records: this.#view.all(), ...(from ? { from } : {}), ...(auth ? { auth } : {}) };
  }

  #selfRecord(status: 'up' | 'down'): DiscoveryRecord {
    return {
      kind: 'locator',
      dsid: this.#dsid,
      name: this.#config.name,
      address: this.address,
      ...(this.#config.advertise ? { advertise: this.#config.advertise } : {}),
      status,
      incarnation: this.#incarnation,
      generation: this.#generation++,
    };
  }

  /** DISC-6: any change reaches connected sites at once, not at the next interval. */
  #schedulePush(): void {
    if (this.#pushScheduled) return;
    this.#pushScheduled = true;
    setImmediate(() => {
      this.#pushScheduled = false;
      void this.#pushToAll();
    });
  }

  #exchangeTargets(): string[] {
    const targets = new Set([...this.#config.remoteLocators, ...this.#config.peerLocators]);
    for (const peer of this.#inboundPeers.values()) {
      const current = this.#view.get('locator', peer.dsid, peer.name) ?? peer;
      if (current.status === 'up') targets.add(addressFor(current, this.#dsid));
    }
    targets.delete(this.address);
    return [...targets].sort();
  }

  async #pushToAll(): Promise<void> {
    if (!this.#server) return;
    await Promise.all(this.#exchangeTargets().map((target) => this.#exchangeWith(target)));
  }

  async #exchangeWith(target: string): Promise<void> {
    const self = this.#view.get('locator', this.#dsid, this.#config.name);
    if (!self) return;
    const peer = this.#config.peerLocators.includes(target);
    const request = { t: 'exchange', from: self, records: this.#view.all() };
    const auth = this.#credentials.prove(
      peer ? 'site' : 'locator',
      this.#dsid,
      locatorRequestContext(request),
    );
    try {
      const reply = (await callRpc(
        parseAddress(target),
        auth ? { ...request, auth } : request,
        this.#config.requestTimeoutMs,
        this.#credentials.tls,
      )) as ExchangeReply;
      this.#mergeReply(target, reply);
    } catch (error) {
      this.#deps.logger.debug({ target, err: errorMessage(error) }, 'locator exchange failed');
    }
  }

  /** An exchange's answer; with authentication, only from a locator that proves its site. */
  #mergeReply(target: string, reply: ExchangeReply): void {
    if (!this.#credentials.enabled) {
      if (this.#view.merge(reply.records)) this.#schedulePush();
      return;
    }
    const fromDsid = reply.from?.dsid;
    const refusal =
      fromDsid === undefined
        ? 'no responder record'
        : this.#credentials.refusal(
            fromDsid === this.#dsid ? 'site' : 'locator',
            reply.auth,
            EXCHANGE_REPLY_CONTEXT,
            fromDsid,
          );
    if (refusal) throw this.#refused(`the exchange reply of ${target}`, refusal);
    this.#mergeFrom(fromDsid!, reply.records);
  }

  #every(intervalMs: number, task: () => unknown): void {
    const timer = setInterval(() => void task(), intervalMs);
    timer.unref();
    this.#timers.push(timer);
  }
}
