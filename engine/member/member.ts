import type { Clock } from '../clock.js';
import { Credentials } from '../security/credentials.js';
import { loadTls } from '../net/tls-context.js';
import { MembershipAgent } from '../cluster/membership-agent.js';
import type { MemberProfile } from '../cluster/member-profile.js';
import { PeerTransport, type PeerBody } from '../cluster/peer-transport.js';
import { SiteCluster } from '../cluster/site-cluster.js';
import type { MemberConfig } from '../config/member-config.js';
import type { ReceiverConfig } from '../../contract/control-api/receiver-config.js';
import { ConflictChecker } from '../conflict/conflict-checker.js';
import type { ConflictResolver } from '../../contract/resolver-api.js';
import { AppliedEventLog } from '../region/applied-log.js';
import type { ReceiptLog } from '../gateway/receiver/receipt-log.js';
import { EngineError, errorMessage } from '../errors.js';
import type { ApplyResult, EventApplier } from '../gateway/receiver/event-applier.js';
import type { GatewayReceiver } from '../gateway/receiver/gateway-receiver.js';
import type { SiteSender } from '../gateway/site/site-sender.js';
import { SENDER_PEER_TYPES, SiteGateway } from '../gateway/site/site-gateway.js';
import type { Logger } from '../log.js';
import type { Random } from '../random.js';
import { whenReady } from '../region/bucket/bucketed-region.js';
import { createHostedRegion } from '../region/create-region.js';
import { HOSTED_PEER_TYPES, isHostedPeerBody, type HostedRegion } from '../region/hosted-region.js';
import { EventIdGenerator } from '../region/event-ids.js';
import type { RegionEvent } from '../region/region-event.js';
import type { SiteRegion } from '../region/site-region.js';
import { createSiteSender } from './create-site-sender.js';
import { definedRegion, definedSender, hostedConfig, regionUsers } from './runtime-definitions.js';
import { LocatorClient } from './locator-client.js';
import { ReceivingSide } from './receiving-side.js';
import {
  memberProfile,
  registrationDetails,
  type RegistrationDetails,
} from './site-registration.js';
import type { GatewayEventFilter } from '../../contract/event-filter-api.js';
import { EventFilterChain } from '../gateway/filter/event-filter-chain.js';
import { WanCopies } from '../gateway/wan-copy/wan-copies.js';

export interface MemberDeps {
  clock: Clock;
  logger: Logger;
  random: Random;
  /** Where the control API listens; known only once it is bound. */
  controlUrl: () => string;
  /** Each region's conflict resolver, loaded before the member is built (load-resolver.ts). */
  resolvers?: ReadonlyMap<string, ConflictResolver>;
  /** Each sender's gateway event filters, loaded before the member is built (issue 15). */
  eventFilters?: ReadonlyMap<string, ReadonlyArray<{ module: string; filter: GatewayEventFilter }>>;
}

/**
 * A server process of a site: its share of the site's regions, its gateway senders and its
 * receiving side (receiving-side.ts), wired together, and its membership in the site
 * (engine/cluster; what it tells the site: site-registration.ts).
 */
export class Member implements EventApplier {
  readonly config: MemberConfig;
  readonly name: string;
  readonly dsid: number;
  readonly uid: string;
  readonly incarnation: number;
  readonly clock: Clock;
  readonly appliedLog: AppliedEventLog;
  readonly cluster: SiteCluster;
  /** GEODE-7: copies of regions' existing entries to remote sites (wan-copy). */
  readonly wanCopies: WanCopies;
  readonly #deps: MemberDeps;
  readonly #regions = new Map<string, HostedRegion>();
  readonly #conflicts = new Map<string, ConflictChecker>();
  readonly #gateway: SiteGateway;
  readonly #locators: LocatorClient;
  readonly #credentials: Credentials;
  readonly #agent: MembershipAgent;
  readonly #transport: PeerTransport;
  readonly #receiving: ReceivingSide;
  /** One for the member's life: a region created again goes on with the same sequences. */
  readonly #eventIds: EventIdGenerator;
  #ready = false;
  #stopping = false;
  #rejoining: Promise<void> | undefined;

  constructor(config: MemberConfig, deps: MemberDeps) {
    this.config = config;
    this.#deps = deps;
    this.name = config.name;
    this.dsid = config.site.distributedSystemId;
    this.clock = deps.clock;
    this.incarnation = deps.clock.now();
    this.uid = `${config.name}-${this.incarnation.toString(36)}`;
    this.appliedLog = new AppliedEventLog(config.appliedEventLogLimit);
    this.#credentials = new Credentials(
      config.security,
      this.dsid,
      Date.now,
      config.tls ? loadTls(config.tls) : undefined,
    );
    this.#locators = new LocatorClient(
      config.locators,
      this.dsid,
      config.locatorRequestTimeoutMs,
      deps.logger,
      this.#credentials,
    );
    const clusterLogger = deps.logger.child({ component: 'cluster' });
    this.#transport = new PeerTransport({
      dsid: this.dsid,
      bind: { host: config.peer.bindAddress, port: config.peer.port },
      connectTimeoutMs: config.peer.connectTimeoutMs,
      logger: clusterLogger,
      self: () => this.#agent.selfMember(),
      profile: () => this.cluster.stampProfile(this.#profile()),
      credentials: this.#credentials,
    });
    this.#agent = new MembershipAgent(this.#locators, {
      name: this.name,
      uid: this.uid,
      incarnation: this.incarnation,
      dsid: this.dsid,
      heartbeatIntervalMs: config.heartbeatIntervalMs,
      clock: deps.clock,
      logger: clusterLogger,
      details: () => this.#registrationDetails(),
    });
    this.cluster = new SiteCluster(this.#agent, this.#transport, clusterLogger);
    this.#gateway = new SiteGateway(this.cluster, this.appliedLog, this.clock);
    this.#eventIds = new EventIdGenerator(this.uid);
    this.#createSenders();
    this.#createRegions();
    this.#receiving = new ReceivingSide(config.receiver, {
      dsid: this.dsid,
      uid: this.uid,
      clock: this.clock,
      logger: deps.logger,
      random: deps.random,
      regions: this.#regions,
      receiptLimit: config.appliedEventLogLimit,
      announce: () => this.#agent.refresh(),
      credentials: this.#credentials,
    });
    this.wanCopies = this.#createWanCopies();
    this.#wireCluster();
  }

  get receiver(): GatewayReceiver | undefined {
    return this.#receiving.receiver;
  }

  /** What the receiver made of every event it got (GET /v1/receipts). */
  get receipts(): ReceiptLog {
    return this.#receiving.receipts;
  }

  /** False while starting or catching up after a rejoin: the control API answers 503. */
  get ready(): boolean {
    return this.#ready;
  }

  /** /health answers 200 only when the member is ready (it is "started" for its site). */
  get started(): boolean {
    return this.#ready;
  }

  /**
   * Joins the site, catches up with its regions and sender queues, and only then starts the
   * receiver and reports ready ("a restarted member gets the current state before it serves").
   * Throws WAN_ERR_MEMBER_REFUSED when the site will not take this member.
   */
  async start(): Promise<void> {
    await this.#transport.start();
    await this.#agent.join();
    await this.cluster.publishProfile(this.#profile());
    for (const region of this.#regions.values()) region.start();
    for (const sender of this.#gateway.senders()) {
      const config = this.config.senders.find((s) => s.id === sender.id);
      if (!config?.manualStart) await sender.start();
    }
    await Promise.all([...this.#regions.values()].map((region) => whenReady(region)));
    if (this.receiver && !this.config.receiver?.manualStart) await this.receiver.start();
    await this.#agent.refresh();
    this.#ready = true;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#ready = false;
    await Promise.all(this.#gateway.senders().map((sender) => sender.close()));
    if (this.receiver?.running) await this.receiver.stop();
    for (const region of this.#regions.values()) region.stop();
    await this.#agent.leave();
    await this.#transport.close();
  }

  region(name: string): SiteRegion {
    const region = this.#regions.get(name);
    if (region) return region;
    throw new EngineError(
      'WAN_ERR_REGION_UNKNOWN',
      `region "${name}" is not defined on this member`,
      `defined regions: ${[...this.#regions.keys()].join(', ') || 'none'}`,
    );
  }

  conflictChecker(region: string): ConflictChecker {
    this.region(region);
    return this.#conflicts.get(region)!;
  }

  regions(): SiteRegion[] {
    return [...this.#regions.values()];
  }

  sender(id: string): SiteSender {
    const sender = this.#gateway.senders().find((s) => s.id === id);
    if (sender) return sender;
    throw new EngineError(
      'WAN_ERR_SENDER_UNKNOWN',
      `gateway sender "${id}" is not defined on this member`,
      `defined senders: ${
        this.#gateway
          .senders()
          .map((s) => s.id)
          .join(', ') || 'none'
      }`,
    );
  }

  senders(): SiteSender[] {
    return this.#gateway.senders();
  }

  /** QUEUE-3: resolves once every event queued so far would survive a kill of this member. */
  async durable(): Promise<void> {
    await Promise.all(this.#gateway.senders().map((sender) => sender.durable()));
  }

  /** RECV-4: a member hosts at most one receiver; creating a second is refused. */
  addReceiver(config: ReceiverConfig): Promise<GatewayReceiver> {
    return this.#receiving.add(config);
  }

  /** Removes a stopped receiver, so that another can be created (issue 14, finding 7). */
  removeReceiver(): Promise<void> {
    return this.#receiving.remove();
  }

  requireReceiver(): GatewayReceiver {
    return this.#receiving.require();
  }

  startReceiver(): Promise<void> {
    return this.#receiving.start();
  }

  stopReceiver(): Promise<void> {
    return this.#receiving.stop();
  }

  accepts(event: RegionEvent): boolean {
    return this.#receiving.accepts(event);
  }

  apply(event: RegionEvent, fromDsid: number): Promise<ApplyResult> {
    return this.#receiving.apply(event, fromDsid);
  }

  /**
   * Issue 15 (GEODE-5): destroys or closes the region on this member; its entries here are
   * gone and it makes no more events. Never sent to another site. Its parallel queues go too.
   */
  async removeRegion(name: string): Promise<void> {
    const region = this.region(name) as HostedRegion;
    this.#regions.delete(name);
    region.close();
    await this.cluster.publishProfile(this.#profile());
  }

  /** GEODE-5: creates a destroyed or closed region again, from its definition. */
  async createRegion(name: string): Promise<SiteRegion> {
    const config = definedRegion(this.config, name, this.#regions);
    const region = this.#newRegion(config, this.#eventIds);
    this.#regions.set(name, region);
    await this.cluster.publishProfile(this.#profile());
    region.start();
    await whenReady(region);
    return region;
  }

  /** GEODE-6: destroys a sender, refused while a region hosted here lists it. */
  async destroySender(id: string): Promise<void> {
    const sender = this.sender(id);
    const users = regionUsers(this.config, id, this.#regions);
    if (users.length > 0) {
      throw new EngineError(
        'WAN_ERR_SENDER_IN_USE',
        `gateway sender "${id}" is still used by region(s) ${users.map((u) => `"${u}"`).join(', ')}`,
        'destroy or close those regions on this member first (DELETE /v1/regions/:region)',
      );
    }
    this.#gateway.remove(id);
    await sender.close();
    await this.cluster.publishProfile(this.#profile());
  }

  /** GEODE-6: creates a destroyed sender again, from its definition, started unless manual. */
  async createSender(id: string): Promise<SiteSender> {
    const config = definedSender(this.config, id, this.#gateway.senders());
    const sender = this.#newSender(config);
    this.#gateway.add(sender);
    await this.cluster.publishProfile(this.#profile());
    if (!config.manualStart) await sender.start();
    return sender;
  }

  #createSenders(): void {
    for (const config of this.config.senders) this.#gateway.add(this.#newSender(config));
  }

  #newSender(config: MemberConfig['senders'][number]): SiteSender {
    const { logger, random } = this.#deps;
    return createSiteSender(config, {
      clock: this.clock,
      logger: logger.child({ component: 'sender' }),
      localDsid: this.dsid,
      memberUid: this.uid,
      directory: this.#locators,
      random,
      credentials: this.#credentials,
      dataDir: this.config.dataDir,
      cluster: this.cluster,
      publish: () => this.cluster.publishProfile(this.#profile()),
      holders: (at) => this.#regions.get(at.region)?.otherHolders(at.bucket) ?? [],
      primary: (at) => this.#regions.get(at.region)?.primaryOf(at.bucket),
      filters: new EventFilterChain(
        config.id,
        this.#deps.eventFilters?.get(config.id) ?? [],
        logger.child({ component: 'sender' }),
      ),
    });
  }

  #createWanCopies(): WanCopies {
    return new WanCopies({
      dsid: this.dsid,
      uid: this.uid,
      clock: this.clock,
      logger: this.#deps.logger.child({ component: 'wan-copy' }),
      random: this.#deps.random,
      directory: this.#locators,
      credentials: this.#credentials,
      region: (name) => this.region(name),
      regionSenderIds: (name) => this.config.regions.find((r) => r.name === name)?.senderIds ?? [],
      sender: (id) => this.sender(id),
      senders: () => this.senders(),
    });
  }

  #createRegions(): void {
    for (const config of this.config.regions) {
      this.#regions.set(config.name, this.#newRegion(config, this.#eventIds));
    }
  }

  #newRegion(config: MemberConfig['regions'][number], eventIds: EventIdGenerator): HostedRegion {
    let conflicts = this.#conflicts.get(config.name);
    if (!conflicts) {
      conflicts = new ConflictChecker(
        config.name,
        config.conflict,
        this.#deps.resolvers?.get(config.name),
        this.#deps.logger.child({ component: 'conflict' }),
      );
      this.#conflicts.set(config.name, conflicts);
    }
    return createHostedRegion(config, {
      conflicts,
      cluster: this.cluster,
      clock: this.clock,
      dsid: this.dsid,
      memberUid: this.uid,
      eventIds,
      sink: this.#gateway,
      logger: this.#deps.logger.child({ component: 'region', region: config.name }),
    });
  }

  #wireCluster(): void {
    const toRegion = (body: PeerBody, from: Parameters<HostedRegion['handle']>[1]): unknown => {
      if (!isHostedPeerBody(body)) throw new Error(`${body.t} is not a region message`);
      const region = this.#regions.get(body.region);
      if (!region && this.config.regions.some((r) => r.name === body.region)) {
        // Destroyed or closed here at runtime (GEODE-5) while the site's bucket table still
        // named this member: the sender retries once the table moves on, as Geode retries a
        // put that met a closing bucket.
        throw new EngineError(
          'WAN_ERR_NO_PRIMARY',
          `region "${String(body.region)}" is closed on member ${this.name}`,
          'the site is moving its buckets; the operation is retried',
        );
      }
      if (!region) {
        throw new EngineError(
          'WAN_ERR_REGION_UNKNOWN',
          `region "${String(body.region)}" is not defined on member ${this.name}`,
          'every member of a site must define the same regions',
        );
      }
      return region.handle(body, from);
    };
    for (const type of HOSTED_PEER_TYPES) this.cluster.handle(type, toRegion);
    for (const type of SENDER_PEER_TYPES) {
      this.cluster.handle(type, (body, from) => this.#gateway.handle(body, from));
    }
    this.cluster.onChange(() => {
      for (const region of this.#regions.values()) region.onClusterChange();
      this.#gateway.onClusterChange();
    });
    this.#agent.onExpelled(() => void this.#rejoin());
  }

  /** The site expelled this member (it was frozen too long): rejoin as a new session. */
  #rejoin(): Promise<void> {
    this.#rejoining ??= this.#doRejoin().finally(() => (this.#rejoining = undefined));
    return this.#rejoining;
  }

  async #doRejoin(): Promise<void> {
    if (this.#stopping) return;
    this.#ready = false;
    this.cluster.reset();
    this.#gateway.onClusterChange();
    try {
      await this.#agent.join();
    } catch (error) {
      this.#deps.logger.error({ err: errorMessage(error) }, 'rejoining the site failed');
      return;
    }
    const alone = this.#agent.members.length <= 1;
    this.#deps.logger.warn(
      { session: this.#agent.session, alone },
      'rejoined the site as a new session',
    );
    for (const region of this.#regions.values()) region.reset(alone);
    await this.cluster.publishProfile(this.#profile());
    await this.#gateway.rejoined(alone);
    await Promise.all([...this.#regions.values()].map((region) => whenReady(region)));
    this.#ready = true;
  }

  #profile(): MemberProfile {
    const senders = this.#gateway.senders();
    return memberProfile(hostedConfig(this.config, this.#regions, senders), senders);
  }

  #registrationDetails(): RegistrationDetails {
    return registrationDetails(this.config, {
      controlUrl: this.#deps.controlUrl(),
      peer: this.#transport.address,
      receiver: this.receiver,
    });
  }
}
