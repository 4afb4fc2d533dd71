import type { Clock } from '../../clock.js';
import { realWallMs } from '../../cluster/membership-agent.js';
import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import { EngineError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { BucketRef } from '../../region/bucket/event-sink.js';
import { changedEvent, eventIdText, type RegionEvent } from '../../region/region-event.js';
import type { GatewaySender, SenderAlteration, SenderStatus } from '../sender/gateway-sender.js';
import type { DiskStore } from '../queue/disk-store.js';
import type { EventFilterChain } from '../filter/event-filter-chain.js';
import { EventCopies } from './event-copies.js';
import { RecentIds } from './recent-ids.js';
import type { SiteSender } from './site-sender.js';

/** What the HA layer needs of a serial sender (engine/gateway/sender/serial-sender.ts). */
export interface PrimarySwitchable extends GatewaySender {
  setPrimary(primary: boolean): Promise<void>;
  onRemoved(listener: (events: RegionEvent[]) => void): void;
  adopt(events: RegionEvent[]): void;
  queuedEvents(): Promise<RegionEvent[]>;
  clearQueue(): void;
  committed(): Promise<void>;
  copyStore(): DiskStore | undefined;
  /** Its gateway event filters (issue 15). */
  readonly filters: EventFilterChain;
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
/** How many acknowledged event ids a primary remembers to refuse a stale offered copy. */
const ACKNOWLEDGED_IDS_KEPT = 200_000;

/** A secondary offers the primary the events it holds that the primary may lack. */
interface OfferReply {
  /** False: the member asked is not the primary (any more); offer again later. */
  accepted: boolean;
  /** Ids of offered events the primary had already acknowledged: drop them. */
  acknowledged: string[];
}

/**
 * A serial sender configured on several members (HA-1..3, STOP-2, PAUSE-3). Every event of
 * the site reaches every running host of the sender before the write that made it is
 * acknowledged. Only the primary, the host whose sender has run the longest (HA-2), queues it
 * in the sender proper and dispatches; after each ack it tells the others which events left.
 * The others keep a copy of the queue (EventCopies).
 *
 * No event is lost whatever the order of stops, restarts and shutdowns, by construction:
 * - a persistent sender's member writes its copy through to disk as its lanes are (the copy
 *   is what it holds while it is not the primary, and what its lanes held when it stopped);
 * - a sender starts as a secondary: what it holds (its copy and lanes, recovered from disk)
 *   stays its copy until the election makes it primary;
 * - a member becoming primary takes over the union of its own copy and of what every other
 *   host of the sender holds, running or stopped, deduplicated by event id and flagged
 *   possibleDuplicate (the old primary may have sent it) (HA-3);
 * - a member that becomes a secondary (a start, a restart, a rejoin) copies what the others
 *   hold, and offers the primary what it holds that they lack; the primary queues what it
 *   has not already acknowledged, and tells the others;
 * - acknowledged events leave every copy, stopped hosts' included.
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
  readonly #acknowledgedIds = new RecentIds(ACKNOWLEDGED_IDS_KEPT);
  readonly #diskSynchronous: boolean;
  #runningSinceMs = 0;
  #primary = false;
  #transition: Promise<void> = Promise.resolve();
  #pendingRemovals: string[] = [];
  #removalTimer: NodeJS.Timeout | undefined;
  #copiedAsSecondary = 0;
  /** Events beforeEnqueue kept out, as primary or as secondary (issue 15). */
  #filteredOnOffer = 0;
  /** Events this member holds that the primary may lack, not yet offered to it. */
  #offerPending = false;

  constructor(inner: PrimarySwitchable, context: SiteSenderContext) {
    this.id = inner.id;
    this.remoteDsid = inner.remoteDsid;
    this.#inner = inner;
    this.#context = context;
    this.#copy = new EventCopies(() => context.clock.monotonicMs(), inner.copyStore(), {
      keepTokens: true,
    });
    const recovered = this.#copy.recover();
    if (recovered > 0) {
      context.logger.info({ sender: this.id, recovered }, 'recovered the queue copy from disk');
    }
    this.#diskSynchronous = inner.status().attributes.diskSynchronous;
    inner.onRemoved((events) => this.#acknowledged(events));
  }

  get runningSinceMs(): number {
    return this.#runningSinceMs;
  }

  isRunning(): boolean {
    return this.#inner.isRunning();
  }

  /**
   * A sender starts as a secondary holding what it recovered; the election then makes it
   * primary (taking over the union of every host's holdings) or leaves it a copy.
   */
  async start(): Promise<void> {
    if (this.#inner.isRunning()) return;
    await this.#transition;
    if (this.#copy.persistent) await this.#keepLanesInCopy();
    else this.#copy.clear();
    this.#primary = false;
    await this.#inner.setPrimary(false);
    await this.#inner.start();
    this.#runningSinceMs = realWallMs(this.#context.clock);
    await this.#context.publish();
    await this.#catchUp();
    this.update();
  }

  /** A persistent sender keeps what it held, as its copy on disk; others lose it (STOP-1). */
  async stop(): Promise<void> {
    if (!this.#inner.isRunning()) return;
    await this.#transition;
    await this.#inner.stop();
    this.#primary = false;
    if (this.#copy.persistent) await this.#keepLanesInCopy();
    else this.#copy.clear();
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

  async durable(): Promise<void> {
    await this.#inner.durable();
    if (this.#diskSynchronous) await this.#copy.committed();
  }

  enqueue(event: RegionEvent): void {
    this.offer(event);
  }

  offer(event: RegionEvent, _at?: BucketRef): void {
    if (this.#inner.isRunning() && !this.#inner.filters.beforeEnqueue(event)) {
      this.#filteredOnOffer++;
      return;
    }
    if (this.#primary || !this.#inner.isRunning()) {
      this.#inner.enqueue(event);
      return;
    }
    if (this.#copy.add(event)) this.#copiedAsSecondary++;
  }

  countNotQueued(): void {
    this.#inner.countNotQueued();
  }

  /** A stopped sender reports an empty queue, as Geode resets eventQueueSize on stop. */
  status(): SenderStatus {
    const status = this.#withFilteredOnOffer(this.#inner.status());
    if (!status.running) {
      const queue = { ...status.queue, size: 0, inMemory: 0, onDisk: 0, bytesInMemory: 0 };
      return { ...status, primary: false, queue: { ...queue, bytesOnDisk: 0 } };
    }
    if (this.#primary) return { ...status, primary: true };
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

  #withFilteredOnOffer(status: SenderStatus): SenderStatus {
    if (this.#filteredOnOffer === 0) return status;
    const eventsFiltered = status.stats.eventsFiltered + this.#filteredOnOffer;
    return { ...status, stats: { ...status.stats, eventsFiltered } };
  }

  /** A secondary's copies leave with the primary's ack: the filters hear of it (issue 15). */
  #removeCopies(ids: string[]): void {
    const filters = this.#inner.filters;
    if (filters.empty) {
      this.#copy.remove(ids);
      return;
    }
    const removed: RegionEvent[] = [];
    this.#copy.remove(ids, (event) => removed.push(event));
    filters.afterAcknowledgement(removed);
  }

  async close(): Promise<void> {
    clearTimeout(this.#removalTimer);
    if (this.#pendingRemovals.length > 0) this.#sendRemovals();
    await this.#inner.close();
    await this.#copy.committed();
    await this.#copy.close();
  }

  update(): void {
    this.#transition = this.#transition.then(async () => {
      const wanted = this.#inner.isRunning() && this.#shouldBePrimary();
      if (wanted && !this.#primary) await this.#takeOver();
      else if (!wanted && this.#primary && this.#inner.isRunning()) await this.#becomeSecondary();
      else if (!this.#primary && this.#offerPending && this.#inner.isRunning()) {
        await this.#offerToPrimary(await this.#otherCopies());
      }
    });
  }

  async handle(body: PeerBody, _from: MemberRef): Promise<unknown> {
    switch (body.t) {
      case 'sender.removed':
        this.#removeCopies(body.ids as string[]);
        return undefined;
      case 'sender.copy':
        return { events: await this.#holdings() };
      case 'sender.offer':
        return this.#offered(body.events as RegionEvent[]);
      case 'sender.added':
        for (const event of body.events as RegionEvent[]) this.#copy.add(event);
        return undefined;
      default:
        return undefined;
    }
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
      'WAN_ERR_SENDER_KIND',
      `sender ${this.id} is serial: its connections are not rebalanced (as in Geode)`,
      'rebalance a parallel sender',
    );
  }

  /**
   * Alone, this member keeps what it holds; otherwise it starts over as the youngest host: it
   * keeps its copy (it may hold what nobody else does), copies the others' and offers the
   * primary what they lack.
   */
  async rejoined(alone: boolean): Promise<void> {
    await this.#transition;
    if (!this.#inner.isRunning()) return;
    if (!alone) {
      if (this.#primary) {
        this.#primary = false;
        await this.#moveLanesToCopy();
      }
      this.#runningSinceMs = realWallMs(this.#context.clock);
      await this.#context.publish();
      await this.#catchUp();
    }
    this.update();
  }

  /** HA-2: the running host whose sender started first (ties: the older member). */
  #shouldBePrimary(): boolean {
    const hosts = this.#runningHosts();
    // After a stall this member may have been replaced; alone, nobody could replace it.
    if (!this.#context.cluster.active && hosts.length > 1) return false;
    return hosts.length === 0 || hosts[0] === this.#context.cluster.selfKey;
  }

  /** The keys of the members whose sender runs, the eldest sender first. */
  #runningHosts(): string[] {
    const { cluster } = this.#context;
    return cluster
      .members()
      .map((member, order) => {
        const sender = cluster.profile(memberKey(member))?.senders.find((s) => s.id === this.id);
        return { key: memberKey(member), order, sender };
      })
      .filter((h) => h.sender?.running)
      .sort((a, b) => a.sender!.runningSinceMs - b.sender!.runningSinceMs || a.order - b.order)
      .map((h) => h.key);
  }

  /** What this member holds: its lanes as the primary, else its copy (and lanes not moved yet). */
  async #holdings(): Promise<RegionEvent[]> {
    const queued = await this.#inner.queuedEvents();
    return this.#primary ? queued : [...this.#copy.all(), ...queued];
  }

  async #takeOver(): Promise<void> {
    // Any other host, running or stopped, may hold what this copy lacks: take the union.
    const own = this.#copy.size;
    const others = await this.#otherCopies();
    for (const events of others) for (const event of events) this.#copy.add(event);
    this.#context.logger.debug(
      { sender: this.id, own, others: others.map((events) => events.length) },
      'taking over the union of the copies',
    );
    if (!this.#shouldBePrimary() || !this.#inner.isRunning()) return;
    this.#copy.markPossibleDuplicate();
    const taken = this.#copy.all();
    this.#inner.adopt(taken);
    // From here new events go to the lanes, after the adopted ones.
    this.#primary = true;
    this.#offerPending = false;
    await this.#inner.setPrimary(true);
    // The copy goes only once the lanes hold its events on disk: a crash between keeps both.
    await this.#inner.committed();
    await this.#copy.committed();
    this.#copy.clear();
    this.#context.logger.info(
      { sender: this.id, queued: taken.length },
      'this member is now the primary of the serial sender',
    );
  }

  /** New events go to the copy at once; what the sender proper still holds joins them. */
  async #becomeSecondary(): Promise<void> {
    this.#primary = false;
    await this.#moveLanesToCopy();
    this.#context.logger.info({ sender: this.id }, 'this member is a secondary of the sender');
    await this.#catchUp();
  }

  /** The lanes' events join the copy, on disk, before the lanes stop dispatching and empty. */
  async #moveLanesToCopy(): Promise<void> {
    for (const event of await this.#inner.queuedEvents()) this.#copy.add(event);
    await this.#copy.committed();
    await this.#inner.setPrimary(false);
  }

  /** A stopped or starting sender's lanes join its copy on disk, then empty. */
  async #keepLanesInCopy(): Promise<void> {
    for (const event of await this.#inner.queuedEvents()) this.#copy.add(event);
    await this.#copy.committed();
    this.#inner.clearQueue();
  }

  /** A secondary copies what the other hosts hold, and offers the primary what they lack. */
  async #catchUp(): Promise<void> {
    const copies = await this.#otherCopies();
    for (const events of copies) for (const event of events) this.#copy.add(event);
    await this.#offerToPrimary(copies);
  }

  async #offerToPrimary(copies: RegionEvent[][]): Promise<void> {
    if (this.#primary) return;
    const known = new Set(copies.flatMap((events) => events.map((e) => eventIdText(e.id))));
    const extra = this.#copy.all().filter((event) => !known.has(eventIdText(event.id)));
    this.#offerPending = false;
    if (extra.length === 0) return;
    const primary = this.#runningHosts()[0];
    if (primary === undefined || primary === this.#context.cluster.selfKey) return;
    const reply = await this.#context.cluster
      .request(
        primary,
        { t: 'sender.offer', sender: this.id, events: extra },
        COPY_REQUEST_TIMEOUT_MS,
      )
      .then(
        (answer) => answer as OfferReply,
        (): OfferReply => ({ accepted: false, acknowledged: [] }),
      );
    this.#copy.remove(reply.acknowledged);
    this.#offerPending = !reply.accepted;
    this.#context.logger.info(
      { sender: this.id, offered: extra.length, accepted: reply.accepted },
      'offered the primary the queued events it lacked',
    );
  }

  /** As the primary: queue the offered events not yet acknowledged, and tell the copies. */
  async #offered(events: RegionEvent[]): Promise<OfferReply> {
    if (!this.#primary || !this.#inner.isRunning()) return { accepted: false, acknowledged: [] };
    const queued = new Set((await this.#inner.queuedEvents()).map((e) => eventIdText(e.id)));
    const acknowledged: string[] = [];
    const adopted: RegionEvent[] = [];
    for (const event of events) {
      const id = eventIdText(event.id);
      if (this.#acknowledgedIds.has(id)) acknowledged.push(id);
      else if (!queued.has(id)) adopted.push(changedEvent(event, { possibleDuplicate: true }));
    }
    if (adopted.length > 0) {
      this.#inner.adopt(adopted);
      this.#tellCopies({ t: 'sender.added', sender: this.id, events: adopted });
    }
    return { accepted: true, acknowledged };
  }

  /** What every other host of the sender holds, running or stopped. */
  async #otherCopies(): Promise<RegionEvent[][]> {
    const { cluster } = this.#context;
    const others = cluster
      .hosts((p) => p.senders.some((s) => s.id === this.id))
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
    this.#acknowledgedIds.add(ids);
    // Tokens in this member's own copy too: acks that come while it hands over to another
    // primary, and stale copies of these events it may be offered later as a secondary.
    this.#copy.remove(ids);
    this.#pendingRemovals.push(...ids);
    this.#removalTimer ??= setTimeout(() => this.#sendRemovals(), REMOVAL_FLUSH_MS);
  }

  #sendRemovals(): void {
    this.#removalTimer = undefined;
    const ids = this.#pendingRemovals;
    this.#pendingRemovals = [];
    this.#tellCopies({ t: 'sender.removed', sender: this.id, ids });
  }

  /** Every other host of the sender, running or stopped. */
  #tellCopies(body: PeerBody): void {
    const { cluster } = this.#context;
    for (const host of cluster.hosts((p) => p.senders.some((s) => s.id === this.id))) {
      const key = memberKey(host);
      if (key !== cluster.selfKey) cluster.send(key, body);
    }
  }
}
