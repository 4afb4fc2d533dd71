import type { Clock } from '../clock.js';
import type { LocatorConfig } from '../config/locator-config.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { formatAddress, parseAddress } from '../net/framed-socket.js';
import { callRpc, startRpcServer, type RpcServer } from '../net/rpc.js';
import { DiscoveryView, addressFor, type DiscoveryRecord } from './discovery-view.js';
import {
  parseLocatorRequest,
  type LocatorRequest,
  type MemberRegistration,
  type MembershipView,
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
}

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
  #server: RpcServer | undefined;
  #timers: NodeJS.Timeout[] = [];
  #pushScheduled = false;

  constructor(config: LocatorConfig, deps: LocatorDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#dsid = config.site.distributedSystemId;
    this.#membership = new SiteMembership(this.#dsid);
    this.#incarnation = deps.clock.now();
  }

  get address(): string {
    return this.#server ? formatAddress(this.#server.address) : formatAddress(this.#config.bind);
  }

  async start(): Promise<void> {
    this.#server = await startRpcServer(
      this.#config.bind,
      (request) => this.#handle(parseLocatorRequest(request)),
      (error) => this.#deps.logger.error({ err: errorMessage(error) }, 'locator request failed'),
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
    };
  }

  async #handle(request: LocatorRequest): Promise<unknown> {
    switch (request.t) {
      case 'register':
        return this.#register(request.member);
      case 'deregister':
        this.#leave(this.#membership.leave(request.name, request.uid));
        return {};
      case 'receivers':
        return { addresses: this.#receiversFor(request.dsid, request.forDsid) };
      case 'exchange':
        return this.#exchange(request.from, request.records);
      case 'view':
        return this.view();
    }
  }

  #register(member: MemberRegistration): MembershipView {
    const nowMs = this.#deps.clock.monotonicMs();
    if (this.#membership.register(member, nowMs)) {
      this.#deps.logger.info({ member: member.name, uid: member.uid }, 'member joined the site');
    }
    this.#recordReceiver(member, member.receiver?.running ? 'up' : 'down');
    return this.#membership.view();
  }

  #leave(registration: MemberRegistration | undefined): void {
    if (!registration) return;
    this.#deps.logger.info({ member: registration.name }, 'member left the site');
    this.#recordReceiver(registration, 'down');
  }

  #expireMembers(): void {
    const nowMs = this.#deps.clock.monotonicMs();
    for (const gone of this.#membership.expire(nowMs, this.#config.memberTimeoutMs)) {
      this.#deps.logger.warn({ member: gone.name }, 'member timed out and left the site');
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

  #exchange(from: DiscoveryRecord, records: DiscoveryRecord[]): { records: DiscoveryRecord[] } {
    if (from.dsid !== this.#dsid || from.name !== this.#config.name) {
      this.#inboundPeers.set(`${from.dsid}:${from.name}`, from);
    }
    if (this.#view.merge(records)) this.#schedulePush();
    return { records: this.#view.all() };
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
    const request = { t: 'exchange', from: self, records: this.#view.all() };
    try {
      const reply = (await callRpc(
        parseAddress(target),
        request,
        this.#config.requestTimeoutMs,
      )) as {
        records: DiscoveryRecord[];
      };
      if (this.#view.merge(reply.records)) this.#schedulePush();
    } catch (error) {
      this.#deps.logger.debug({ target, err: errorMessage(error) }, 'locator exchange failed');
    }
  }

  #every(intervalMs: number, task: () => unknown): void {
    const timer = setInterval(() => void task(), intervalMs);
    timer.unref();
    this.#timers.push(timer);
  }
}
