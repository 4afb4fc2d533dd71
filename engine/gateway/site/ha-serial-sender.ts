import type { Clock } from '../../clock.js';
import { realWallMs } from '../../cluster/membership-agent.js';
import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import { EngineError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { BucketRef } from '../../region/bucket/event-sink.js';
import { eventIdText, type RegionEvent } from '../../region/region-event.js';
import type { GatewaySender, SenderAlteration, SenderStatus } from '../sender/gateway-sender.js';
import { EventCopies } from './event-copies.js';
import type { SiteSender } from './site-sender.js';

/** What the HA layer needs of a serial sender (engine/gateway/sender/serial-sender.ts). */
export interface PrimarySwitchable extends GatewaySender {
  setPrimary(primary: boolean): Promise<void>;
  onRemoved(listener: (events: RegionEvent[]) => void): void;
  adopt(events: RegionEvent[]): void;
  queuedEvents(): Promise<RegionEvent[]>;
}

export interface SiteSenderContext {
  cluster: SiteCluster;
  clock: Clock;
  logger: Logger;
  /** Publishes this member's profile; resolves once every peer has flushed its fan-outs. */
  publish: () => Promise<void>;
}

/** Removals are sent to the secondaries in batches, at most this late. */
const REMOVAL_FLUSH_MS = 10;
const COPY_REQUEST_TIMEOUT_MS = 5000;

/**
 * A serial sender configured on several members (HA-1..3, STOP-2, PAUSE-3). Every event of
 * the site reaches every running host of the sender before the write that made it is
 * acknowledged. Only the primary, the host whose sender has run the longest (HA-2), queues it
 * in the sender proper and dispatches; after each ack it tells the others which events left.
 * The others keep a copy of the queue (EventCopies). When the primary's member dies or its
 * sender stops, the next oldest host first collects what any other copy holds, flags it all
 * possibleDuplicate (the old primary may have sent it), and dispatches (HA-3). A host that
 * starts its sender copies the primary's queue after announcing itself, so from then on it
 * misses nothing.
 *
 * Known limit: conflation and overflow act in the primary's queue only; an update conflated
 * away there stays in the secondaries' copies and is sent again after a failover.
 */
export class HaSerialSender implements SiteSender {
  readonly id: string;
  readonly remoteDsid: number;
  readonly parallel = false;
  readonly #inner: PrimarySwitchable;
  readonly #context: SiteSenderContext;
  readonly #copy: EventCopies;
  #runningSinceMs = 0;
  #primary = false;
  #transition: Promise<void> = Promise.resolve();
  #pendingRemovals: string[] = [];
  #removalTimer: NodeJS.Timeout | undefined;
  #copiedAsSecondary = 0;

  constructor(inner: PrimarySwitchable, context: SiteSenderContext) {
    this.id = inner.id;
    this.remoteDsid = inner.remoteDsid;
    this.#inner = inner;
    this.#context = context;
    this.#copy = new EventCopies(() => context.clock.monotonicMs());
    inner.onRemoved((events) => this.#acknowledged(events));
  }

  get runningSinceMs(): number {
    return this.#runningSinceMs;
  }

  isRunning(): boolean {
    return this.#inner.isRunning();
  }

  /**
   * The sender proper starts as its own primary, so a persistent queue it recovered is sent
   * at once; the election then keeps it primary or turns it into a copy.
   */
  async start(): Promise<void> {
    if (this.#inner.isRunning()) return;
    this.#copy.clear();
    this.#primary = true;
    await this.#inner.setPrimary(true);
    await this.#inner.start();
    this.#runningSinceMs = realWallMs(this.#context.clock);
    await this.#context.publish();
    if (!this.#shouldBePrimary()) await this.#becomeSecondary();
    this.update();
  }

  async stop(): Promise<void> {
    if (!this.#inner.isRunning()) return;
    await this.#transition;
    await this.#inner.stop();
    this.#primary = false;
    this.#copy.clear();
    await this.#context.publish();
  }

  pause(): void {
    this.#inner.pause();
  }

  resume(): void {
    this.#inner.resume();
  }

  alter(changes: SenderAlteration): void {
    this.#inner.alter(changes);
  }

  durable(): Promise<void> {
    return this.#inner.durable();
  }

  enqueue(event: RegionEvent): void {
    this.offer(event);
  }

  offer(event: RegionEvent, _at?: BucketRef): void {
    if (this.#primary || !this.#inner.isRunning()) {
      this.#inner.enqueue(event);
      return;
    }
    if (this.#copy.add(event)) this.#copiedAsSecondary++;
  }

  countNotQueued(): void {
    this.#inner.countNotQueued();
  }

  status(): SenderStatus {
    const status = this.#inner.status();
    if (this.#primary || !status.running)
      return { ...status, primary: status.running && this.#primary };
    const size = this.#copy.size;
    return {
      ...status,
      primary: false,
      queue: { ...status.queue, size, inMemory: size, onDisk: 0 },
      stats: {
        ...status.stats,
        eventsReceived: status.stats.eventsReceived + this.#copiedAsSecondary,
        eventsQueued: status.stats.eventsQueued + this.#copiedAsSecondary,
      },
    };
  }

  async close(): Promise<void> {
    clearTimeout(this.#removalTimer);
    await this.#inner.close();
  }

  update(): void {
    this.#transition = this.#transition.then(async () => {
      const wanted = this.#inner.isRunning() && this.#shouldBePrimary();
      if (wanted && !this.#primary) await this.#takeOver();
      else if (!wanted && this.#primary && this.#inner.isRunning()) await this.#becomeSecondary();
    });
  }

  async handle(body: PeerBody, _from: MemberRef): Promise<unknown> {
    if (body.t === 'sender.removed') {
      this.#copy.remove(body.ids as string[]);
      return undefined;
    }
    if (body.t === 'sender.copy') {
      if (!this.#inner.isRunning()) return { events: [] };
      return { events: this.#primary ? await this.#inner.queuedEvents() : this.#copy.all() };
    }
    return undefined;
  }

  bucketRole(): void {}

  bucketEvents(): undefined {
    return undefined;
  }

  loadBucket(): void {}

  dropped(): { total: number; events: [] } {
    return { total: 0, events: [] };
  }

  /** As in Geode, where load-balance is refused for serial senders. */
  async rebalance(): Promise<void> {
    throw new EngineError(
      'WAN_ERR_BAD_REQUEST',
      `sender ${this.id} is serial: its connections are not rebalanced (as in Geode)`,
      'rebalance a parallel sender',
    );
  }

  /**
   * Alone, this member keeps what it holds; otherwise that is stale: it starts over as the
   * youngest host and copies the others' queue.
   */
  async rejoined(alone: boolean): Promise<void> {
    await this.#transition;
    if (!this.#inner.isRunning()) return;
    if (!alone) {
      if (this.#primary) {
        this.#primary = false;
        await this.#inner.setPrimary(false);
      }
      this.#copy.clear();
      this.#runningSinceMs = realWallMs(this.#context.clock);
      await this.#context.publish();
      await this.#catchUp();
    }
    this.update();
  }

  /** HA-2: the running host whose sender started first (ties: the older member). */
  #shouldBePrimary(): boolean {
    const { cluster } = this.#context;
    const hosts = cluster
      .members()
      .map((member, order) => {
        const sender = cluster.profile(memberKey(member))?.senders.find((s) => s.id === this.id);
        return { key: memberKey(member), order, sender };
      })
      .filter((h) => h.sender?.running)
      .sort((a, b) => a.sender!.runningSinceMs - b.sender!.runningSinceMs || a.order - b.order);
    // After a stall this member may have been replaced; alone, nobody could replace it.
    if (!cluster.active && hosts.length > 1) return false;
    return hosts.length === 0 || hosts[0]?.key === cluster.selfKey;
  }

  async #takeOver(): Promise<void> {
    // A copy may hold what another copy missed (its writer died mid-way): take the union.
    for (const events of await this.#otherCopies())
      for (const event of events) this.#copy.add(event);
    if (!this.#shouldBePrimary() || !this.#inner.isRunning()) return;
    this.#copy.markPossibleDuplicate();
    this.#inner.adopt(this.#copy.all());
    const taken = this.#copy.size;
    this.#copy.clear();
    this.#primary = true;
    await this.#inner.setPrimary(true);
    this.#context.logger.info(
      { sender: this.id, queued: taken },
      'this member is now the primary of the serial sender',
    );
  }

  /** New events go to the copy at once; what the sender proper still holds joins them. */
  async #becomeSecondary(): Promise<void> {
    this.#primary = false;
    for (const event of await this.#inner.queuedEvents()) this.#copy.add(event);
    await this.#inner.setPrimary(false);
    this.#context.logger.info({ sender: this.id }, 'this member is a secondary of the sender');
    await this.#catchUp();
  }

  /** A secondary copies what the other hosts queued before it. */
  async #catchUp(): Promise<void> {
    for (const events of await this.#otherCopies())
      for (const event of events) this.#copy.add(event);
  }

  async #otherCopies(): Promise<RegionEvent[][]> {
    const { cluster } = this.#context;
    const others = cluster
      .hosts((p) => p.senders.some((s) => s.id === this.id && s.running))
      .map(memberKey)
      .filter((key) => key !== cluster.selfKey);
    return Promise.all(
      others.map((key) =>
        cluster.request(key, { t: 'sender.copy', sender: this.id }, COPY_REQUEST_TIMEOUT_MS).then(
          (reply) => (reply as { events: RegionEvent[] }).events,
          (error: unknown) => {
            this.#context.logger.debug(
              { sender: this.id, err: errorMessage(error) },
              'no queue copy from a peer',
            );
            return [];
          },
        ),
      ),
    );
  }

  /** The primary's ack removed these from its queue: soon from every copy too. */
  #acknowledged(events: RegionEvent[]): void {
    if (events.length === 0) return;
    const ids = events.map((e) => eventIdText(e.id));
    // Acks that come while this member hands over to another primary.
    if (!this.#primary) this.#copy.remove(ids);
    this.#pendingRemovals.push(...ids);
    this.#removalTimer ??= setTimeout(() => this.#sendRemovals(), REMOVAL_FLUSH_MS);
  }

  #sendRemovals(): void {
    this.#removalTimer = undefined;
    const ids = this.#pendingRemovals;
    this.#pendingRemovals = [];
    const { cluster } = this.#context;
    for (const host of cluster.hosts((p) => p.senders.some((s) => s.id === this.id))) {
      const key = memberKey(host);
      if (key !== cluster.selfKey) cluster.send(key, { t: 'sender.removed', sender: this.id, ids });
    }
  }
}
