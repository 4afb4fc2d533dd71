import type { Clock } from '../clock.js';
import type { MemberConfig } from '../config/member-config.js';
import { ConflictChecker } from '../conflict/conflict-checker.js';
import type { ConflictResolver } from '../conflict/resolver-api.js';
import type { ReceiverConfig } from '../config/receiver-schema.js';
import { AppliedEventLog } from '../control/applied-log.js';
import { ReceiptLog } from '../control/receipt-log.js';
import { EngineError, errorMessage } from '../errors.js';
import type { ApplyResult, EventApplier } from '../gateway/receiver/event-applier.js';
import { GatewayReceiver } from '../gateway/receiver/gateway-receiver.js';
import type { GatewaySender } from '../gateway/sender/gateway-sender.js';
import { createGatewaySender } from '../gateway/sender/create-sender.js';
import { routeEvent } from '../gateway/routing.js';
import type { MemberRegistration } from '../locator/locator-protocol.js';
import type { Logger } from '../log.js';
import type { Random } from '../random.js';
import { EventIdGenerator } from '../region/event-ids.js';
import type { Region } from '../region/region.js';
import type { AppliedSource, RegionEvent } from '../region/region-event.js';
import { ReplicatedRegion } from '../region/replicated-region.js';
import { LocatorClient } from './locator-client.js';

export interface MemberDeps {
  clock: Clock;
  logger: Logger;
  random: Random;
  /** Where the control API listens; known only once it is bound. */
  controlUrl: () => string;
  /** Each region's conflict resolver, loaded before the member is built (load-resolver.ts). */
  resolvers?: ReadonlyMap<string, ConflictResolver>;
}

/** A server process of a site: its regions, gateway senders and receiver, wired together. */
export class Member implements EventApplier {
  readonly config: MemberConfig;
  readonly name: string;
  readonly dsid: number;
  readonly uid: string;
  readonly incarnation: number;
  readonly clock: Clock;
  readonly appliedLog: AppliedEventLog;
  readonly receipts: ReceiptLog;
  readonly #deps: MemberDeps;
  readonly #regions = new Map<string, Region>();
  readonly #conflicts = new Map<string, ConflictChecker>();
  readonly #senders = new Map<string, GatewaySender>();
  readonly #locators: LocatorClient;
  #heartbeat: NodeJS.Timeout | undefined;
  #started = false;
  #receiver: GatewayReceiver | undefined;

  constructor(config: MemberConfig, deps: MemberDeps) {
    this.config = config;
    this.#deps = deps;
    this.name = config.name;
    this.dsid = config.site.distributedSystemId;
    this.clock = deps.clock;
    this.incarnation = deps.clock.now();
    this.uid = `${config.name}-${this.incarnation.toString(36)}`;
    this.appliedLog = new AppliedEventLog(config.appliedEventLogLimit);
    this.receipts = new ReceiptLog(config.appliedEventLogLimit);
    this.#locators = new LocatorClient(
      config.locators,
      this.dsid,
      config.locatorRequestTimeoutMs,
      deps.logger,
    );
    this.#createSenders();
    this.#createRegions();
    if (config.receiver) this.#receiver = this.#newReceiver(config.receiver);
  }

  get receiver(): GatewayReceiver | undefined {
    return this.#receiver;
  }

  async start(): Promise<void> {
    if (this.receiver && !this.config.receiver?.manualStart) await this.receiver.start();
    for (const sender of this.#senders.values()) {
      const config = this.config.senders.find((s) => s.id === sender.id);
      if (!config?.manualStart) await sender.start();
    }
    await this.#register();
    this.#heartbeat = setInterval(() => void this.#register(), this.config.heartbeatIntervalMs);
    this.#heartbeat.unref();
    this.#started = true;
  }

  /** False until start() is done: a write before that would miss the senders not yet running. */
  get started(): boolean {
    return this.#started;
  }

  async stop(): Promise<void> {
    clearInterval(this.#heartbeat);
    await Promise.all([...this.#senders.values()].map((sender) => sender.close()));
    if (this.receiver?.running) await this.receiver.stop();
    await this.#locators.deregister(this.name, this.uid);
  }

  region(name: string): Region {
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

  regions(): Region[] {
    return [...this.#regions.values()];
  }

  sender(id: string): GatewaySender {
    const sender = this.#senders.get(id);
    if (sender) return sender;
    throw new EngineError(
      'WAN_ERR_SENDER_UNKNOWN',
      `gateway sender "${id}" is not defined on this member`,
      `defined senders: ${[...this.#senders.keys()].join(', ') || 'none'}`,
    );
  }

  senders(): GatewaySender[] {
    return [...this.#senders.values()];
  }

  /** QUEUE-3: resolves once every event queued so far would survive a kill of this member. */
  async durable(): Promise<void> {
    await Promise.all([...this.#senders.values()].map((sender) => sender.durable()));
  }

  requireReceiver(): GatewayReceiver {
    if (this.receiver) return this.receiver;
    throw new EngineError(
      'WAN_ERR_RECEIVER_ABSENT',
      'this member has no gateway receiver',
      'configure a receiver for this member',
    );
  }

  /** RECV-4: a member hosts at most one receiver; creating a second is refused. */
  async addReceiver(config: ReceiverConfig): Promise<GatewayReceiver> {
    if (this.#receiver) {
      throw new EngineError(
        'WAN_ERR_RECEIVER_EXISTS',
        'a gateway receiver already exists on this member',
        'a member hosts at most one gateway receiver; change or stop the existing one instead',
      );
    }
    const receiver = this.#newReceiver(config);
    this.#receiver = receiver;
    if (!config.manualStart) await this.startReceiver();
    return receiver;
  }

  async startReceiver(): Promise<void> {
    await this.requireReceiver().start();
    await this.#register();
  }

  async stopReceiver(): Promise<void> {
    await this.requireReceiver().stop();
    await this.#register();
  }

  /** RECV-1, RECV-2: apply a received event to the same region here (and keep a receipt). */
  apply(event: RegionEvent, fromDsid: number): ApplyResult {
    const result = this.#applyReceived(event, fromDsid);
    this.receipts.record(event, fromDsid, result.kind, this.clock.now());
    return result;
  }

  #applyReceived(event: RegionEvent, fromDsid: number): ApplyResult {
    const region = this.#regions.get(event.region);
    if (!region) {
      return {
        kind: 'failed',
        code: 'WAN_ERR_REGION_UNKNOWN',
        message: `region "${event.region}" is not defined at site ${this.dsid}`,
      };
    }
    try {
      return { kind: region.applyRemote(event, fromDsid).kind };
    } catch (error) {
      return { kind: 'failed', code: 'WAN_ERR_APPLY', message: errorMessage(error) };
    }
  }

  #newReceiver(config: ReceiverConfig): GatewayReceiver {
    return new GatewayReceiver(config, {
      localDsid: this.dsid,
      memberUid: this.uid,
      applier: this,
      logger: this.#deps.logger.child({ component: 'receiver' }),
      random: this.#deps.random,
    });
  }

  #createSenders(): void {
    for (const config of this.config.senders) {
      const logger = this.#deps.logger.child({ component: 'sender' });
      this.#senders.set(
        config.id,
        createGatewaySender(config, {
          clock: this.clock,
          logger,
          localDsid: this.dsid,
          memberUid: this.uid,
          directory: this.#locators,
          random: this.#deps.random,
          dataDir: this.config.dataDir,
        }),
      );
    }
  }

  #createRegions(): void {
    const eventIds = new EventIdGenerator(this.uid);
    for (const config of this.config.regions) {
      const conflicts = new ConflictChecker(
        config.name,
        config.conflict,
        this.#deps.resolvers?.get(config.name),
        this.#deps.logger.child({ component: 'conflict' }),
      );
      this.#conflicts.set(config.name, conflicts);
      const region = new ReplicatedRegion(config.name, {
        clock: this.clock,
        dsid: this.dsid,
        memberUid: this.uid,
        eventIds,
        conflicts,
      });
      const senders = config.senderIds.map((id) => this.sender(id));
      region.onEvent((event, source) => this.#onApplied(event, source, senders));
      this.#regions.set(config.name, region);
    }
  }

  #onApplied(event: RegionEvent, source: AppliedSource, senders: GatewaySender[]): void {
    this.appliedLog.record(event, source, this.clock.now());
    if (senders.length === 0) return;
    const decision = routeEvent(event, senders);
    for (const sender of decision.send) sender.enqueue(decision.event);
    for (const sender of decision.skip) sender.countNotQueued();
  }

  async #register(): Promise<void> {
    const receiver = this.receiver;
    const registration: MemberRegistration = {
      name: this.name,
      uid: this.uid,
      incarnation: this.incarnation,
      dsid: this.dsid,
      controlUrl: this.#deps.controlUrl(),
      ...(receiver
        ? {
            receiver: {
              address: `${receiver.status().bindAddress}:${receiver.port ?? 0}`,
              ...(receiver.advertise ? { advertise: receiver.advertise } : {}),
              running: receiver.running,
            },
          }
        : {}),
    };
    await this.#locators.register(registration);
  }
}
