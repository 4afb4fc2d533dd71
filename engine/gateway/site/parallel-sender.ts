import { compressionOf } from '../../../contract/transport.js';
import { SenderTransport } from '../transport/sender-transport.js';
import { join } from 'node:path';
import type { Clock } from '../../clock.js';
import type { Credentials } from '../../security/credentials.js';
import { realWallMs } from '../../cluster/membership-agent.js';
import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { SenderConfig } from '../../config/sender-schema.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { MemberKey } from '../../region/bucket/bucket-table.js';
import type { BucketRef, BucketRole } from '../../region/bucket/event-sink.js';
import { changedEvent, eventIdText, type RegionEvent } from '../../region/region-event.js';
import { LmdbStore } from '../queue/disk-store.js';
import type { QueueStats } from '../queue/event-queue.js';
import { FailureLog } from '../sender/failure-log.js';
import type {
  ReceiverDirectory,
  SenderAlteration,
  SenderState,
  SenderStatus,
} from '../sender/gateway-sender.js';
import { PauseGate } from '../sender/pause-gate.js';
import { applyAlteration } from '../sender/sender-alteration.js';
import { senderLaneContext, type SenderLaneContext } from '../sender/lane-dispatcher.js';
import {
  emptyCounters,
  type SenderCounters,
  type SenderStatistics,
} from '../sender/sender-stats.js';
import { BucketLane } from './bucket-lane.js';
import { LaneDispatching } from './lane-dispatching.js';
import { BucketQueueStore, bucketKey as keyOf, type OpenStore } from './bucket-queue-store.js';
import { MemoryBudget } from './memory-budget.js';
import { RecentIds } from './recent-ids.js';
import { DroppedEvents, type DroppedEvent } from './dropped-events.js';
import { EventCopies } from './event-copies.js';
import { RecoveredBuckets, type OfferReply } from './recovered-buckets.js';
import type { SiteSender } from './site-sender.js';
import { EventFilterChain } from '../filter/event-filter-chain.js';

const NO_FILTERS = EventFilterChain.none();

export interface ParallelSenderDeps {
  clock: Clock;
  logger: Logger;
  localDsid: number;
  memberUid: string;
  directory: ReceiverDirectory;
  random: () => number;
  /** What its handshakes prove (issue 17). */
  credentials: Credentials;
  cluster: SiteCluster;
  publish: () => Promise<void>;
  /** The other members that hold a copy of a bucket (from the region's bucket table). */
  holders: (at: BucketRef) => MemberKey[];
  /** The bucket's primary, when it is another member. */
  primary: (at: BucketRef) => MemberKey | undefined;
  /** The member's data directory; persistent and overflowing bucket queues live under it. */
  dataDir: string;
  /** Its gateway event filters (issue 15); absent: none. */
  filters?: EventFilterChain;
  /** Unit tests: opens the bucket queues' store (default: an LMDB environment under dataDir). */
  openStore?: OpenStore;
}

interface BucketQueue {
  at: BucketRef;
  events: EventCopies;
  role: 'primary' | 'copy';
  /** A new primary collects what other copies hold before it dispatches. */
  syncing: boolean;
}

const DROPPED_EVENTS_KEPT = 10000;
const RECENT_FAILURES = 50;
const COPY_REQUEST_TIMEOUT_MS = 5000;
const BYTES_PER_MB = 1024 * 1024;
/** Recovered events of buckets held elsewhere are offered again this often until taken. */
const OFFER_RETRY_MS = 1000;
/** How many acknowledged event ids a primary remembers to refuse a stale offered copy. */
const ACKNOWLEDGED_IDS_KEPT = 200_000;

/**
 * A parallel gateway sender on one member (SEND-5, SEND-7, SEND-9, HA-4, HA-5): one queue per
 * bucket of its partitioned regions that this member holds, as primary or as a redundant copy.
 * The member dispatches the queues of its primary buckets only, with `dispatcherThreads`
 * dispatchers, each draining the buckets whose number modulo that count is its own; after
 * each ack it tells the bucket's copies which events left. When a bucket's primary moves here
 * (its member failed or shut down), the copy flags its events possibleDuplicate and is
 * dispatched (HA-5). Stopping the sender on a member that stays primary of its buckets drops
 * the events that arrive for them while it is stopped, and the copies drop theirs (STOP-4):
 * that is Geode's documented data loss. Events queued before the stop stay queued.
 *
 * Queues (QUEUE-1, QUEUE-3): every bucket queue of the member, primary or copy, shares one
 * store (bucket-queue-store.ts) and one memory budget of maximumQueueMemoryMb; past it, new
 * events wait on disk. A persistent sender writes every queued event through, so each member
 * recovers its copies of every bucket after a restart of the member or of the whole site. The
 * recovered events of a bucket become its queue when the member holds the bucket again; a
 * member that becomes a bucket's primary takes over the union of what every host of the
 * sender holds of it, deduplicated by id and flagged possibleDuplicate; and recovered events
 * of a bucket held elsewhere are offered to its primary, which queues those it has not
 * acknowledged, and only then dropped here. No restart order loses a queued event.
 */
export class ParallelGatewaySender implements SiteSender {
  readonly id: string;
  readonly remoteDsid: number;
  readonly parallel = true;
  /** The attributes in use; `alter` changes some while the sender runs. */
  readonly #config: SenderConfig;
  readonly #failures = new FailureLog(RECENT_FAILURES);
  readonly #transport: SenderTransport;
  readonly #deps: ParallelSenderDeps;
  readonly #queues = new Map<string, BucketQueue>();
  readonly #gate = new PauseGate();
  readonly #counters: SenderCounters = emptyCounters();
  readonly #dropped = new DroppedEvents(DROPPED_EVENTS_KEPT);
  /** QUEUE-5: what primary bucket queues conflated before they left this member. */
  #conflatedByGoneQueues = 0;
  readonly #lanes: BucketLane[];
  readonly #dispatching: LaneDispatching;
  readonly #disk: BucketQueueStore;
  readonly #memory: MemoryBudget;
  /** Recovered events of buckets this member does not hold (now): offered to their primary. */
  readonly #recovered: RecoveredBuckets;
  readonly #acknowledgedIds = new RecentIds(ACKNOWLEDGED_IDS_KEPT);
  #running = false;
  #runningSinceMs = 0;

  constructor(config: SenderConfig, deps: ParallelSenderDeps) {
    this.id = config.id;
    this.remoteDsid = config.remoteDistributedSystemId;
    this.#transport = new SenderTransport(compressionOf(config.transport));
    this.#config = { ...config };
    this.#deps = deps;
    this.#disk = new BucketQueueStore(config.persistent, deps.openStore ?? this.#openLmdb);
    this.#memory = new MemoryBudget(config.maximumQueueMemoryMb * BYTES_PER_MB);
    this.#recovered = new RecoveredBuckets({
      primary: (at) => deps.primary(at),
      offer: (primary, at, events) => this.#offer(primary, at, events),
      retryMs: OFFER_RETRY_MS,
    });
    this.#recover();
    this.#lanes = Array.from(
      { length: config.dispatcherThreads },
      (_, lane) =>
        new BucketLane(
          lane,
          { primaryQueues: (l) => this.#primaryQueues(l) },
          deps.clock,
          this.#gate,
        ),
    );
    this.#dispatching = new LaneDispatching(this.#lanes, {
      context: () => this.#laneContext(),
      onRemoved: (events) => this.#acknowledged(events),
      receiverOffset: Math.floor(deps.random() * 1024),
    });
  }

  get runningSinceMs(): number {
    return this.#runningSinceMs;
  }

  isRunning(): boolean {
    return this.#running;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#runningSinceMs = realWallMs(this.#deps.clock);
    this.#dispatching.start();
    await this.#deps.publish();
    await this.#refillCopies();
    this.#recovered.schedule(0);
    this.#deps.logger.info({ sender: this.id }, 'parallel gateway sender started');
  }

  /**
   * STOP-4: on this member only. Its primary buckets stay here and nothing fails over; events
   * that arrive for them from now on are dropped (offer). What the queues already hold stays,
   * here and in the copies (Geode keeps the shadow bucket queues): a restart dispatches it, a
   * shutdown of the member hands it to the copies (STOP-5), a site shutdown loses it (STOP-6).
   */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    await this.#dispatching.stop(this.#counters);
    this.#gate.resume();
    await this.#deps.publish();
    this.#deps.logger.info({ sender: this.id }, 'parallel gateway sender stopped');
  }

  pause(): void {
    if (!this.#running) return;
    this.#gate.pause();
    this.#deps.logger.info({ sender: this.id }, 'parallel gateway sender paused');
  }

  resume(): void {
    if (!this.#running) return;
    this.#gate.resume();
    this.#deps.logger.info({ sender: this.id }, 'parallel gateway sender resumed');
  }

  alter(changes: SenderAlteration): void {
    applyAlteration(this.id, this.#config, changes);
  }

  /** A persistent sender with diskSynchronous: once the queued events are on disk. */
  async durable(): Promise<void> {
    if (this.#disk.persistent && this.#config.diskSynchronous) await this.#disk.committed();
  }

  enqueue(event: RegionEvent): void {
    if (event.bucket !== undefined)
      this.offer(event, { region: event.region, bucket: event.bucket });
  }

  offer(event: RegionEvent, at: BucketRef): void {
    const queue = this.#queues.get(keyOf(at));
    const primary = queue?.role === 'primary';
    if (primary) this.#counters.eventsReceived++;
    if (!this.#running) {
      if (primary) {
        this.#counters.eventsNotQueued++;
        this.#drop(at, [event]);
      }
      return;
    }
    if (!queue) return;
    if (!this.#filters.beforeEnqueue(event)) {
      this.#counters.eventsFiltered++;
      return;
    }
    if (!queue.events.add(event) || !primary) return;
    this.#counters.eventsQueued++;
    this.#lanes[at.bucket % this.#lanes.length]!.notify();
  }

  countNotQueued(): void {
    this.#counters.eventsReceived++;
    this.#counters.eventsNotQueued++;
  }

  /** The view changed: recovered events may now have a primary to go to. */
  update(): void {
    this.#recovered.schedule(0);
  }

  bucketRole(at: BucketRef, role: BucketRole): void {
    const key = keyOf(at);
    const queue = this.#queues.get(key);
    if (role === 'none') {
      if (queue?.role === 'primary') this.#conflatedByGoneQueues += queue.events.eventsConflated;
      // The bucket's other holders have its queue (a new copy is filled from the primary).
      queue?.events.discard();
      this.#queues.delete(key);
      return;
    }
    if (!queue) {
      this.#hold(at, role);
      return;
    }
    if (queue.role === role) return;
    queue.role = role;
    if (role === 'primary') void this.#takeOver(queue);
  }

  bucketEvents(at: BucketRef): RegionEvent[] | undefined {
    return this.#running ? this.#queues.get(keyOf(at))?.events.all() : undefined;
  }

  loadBucket(at: BucketRef, events: RegionEvent[]): void {
    const queue = this.#queues.get(keyOf(at));
    if (!queue || !this.#running) return;
    for (const event of events) queue.events.add(event);
  }

  handle(body: PeerBody, _from: MemberRef): unknown {
    const at = { region: String(body.region), bucket: Number(body.bucket) };
    const queue = this.#queues.get(keyOf(at));
    switch (body.t) {
      case 'sender.removed':
        this.#removeCopies(queue?.events, body.ids as string[]);
        this.#recovered.eventsOf(keyOf(at))?.remove(body.ids as string[]);
        // Remembered here too: this member may take the bucket over and be offered them.
        this.#acknowledgedIds.add(body.ids as string[]);
        return undefined;
      case 'sender.acknowledged':
        return { ids: (body.ids as string[]).filter((id) => this.#acknowledgedIds.has(id)) };
      case 'sender.bucket':
        return { events: this.#holdings(at) };
      case 'sender.offer':
        return this.#offered(at, body.events as RegionEvent[]);
      case 'sender.added':
        for (const event of body.events as RegionEvent[]) queue?.events.add(event);
        return undefined;
      default:
        return undefined;
    }
  }

  async rejoined(): Promise<void> {
    // The region layer re-announces every bucket role after the rejoin (region reset).
  }

  dropped(): { total: number; events: DroppedEvent[] } {
    return this.#dropped.list();
  }

  async rebalance(): Promise<void> {
    this.#dispatching.reconnect();
    this.#deps.logger.info(
      { sender: this.id },
      'parallel gateway sender rebalanced its connections',
    );
  }

  status(): SenderStatus {
    const state: SenderState = !this.#running
      ? 'stopped'
      : this.#gate.paused
        ? 'paused'
        : 'running';
    const dispatchers = this.#dispatching.status();
    const connected = dispatchers.find((d) => d.connected);
    const held = [...this.#queues.values()];
    return {
      id: this.id,
      remoteDistributedSystemId: this.remoteDsid,
      parallel: true,
      state,
      running: this.#running,
      paused: state === 'paused',
      // Geode: a parallel sender is always primary; its buckets decide what it dispatches.
      primary: this.#running,
      connected: connected !== undefined,
      ...(connected?.receiver ? { receiver: connected.receiver } : {}),
      queue: this.#queueStats(),
      stats: this.#statistics(),
      dispatchers,
      attributes: { ...this.#config },
      recentFailures: this.#failures.recent(),
      buckets: {
        primary: held.filter((q) => q.role === 'primary').length,
        copies: held.filter((q) => q.role === 'copy').length,
      },
      eventsDropped: this.#dropped.total,
      ...(this.#filters.empty ? {} : { filters: this.#filters.status() }),
      transport: this.#transport.status(),
    };
  }

  async close(): Promise<void> {
    this.#running = false;
    this.#recovered.close();
    await this.#dispatching.stop(this.#counters);
    await this.#disk.close();
  }

  #primaryQueues(lane: number): EventCopies[] {
    const lanes = this.#lanes.length;
    return [...this.#queues.values()]
      .filter((q) => q.role === 'primary' && !q.syncing && q.at.bucket % lanes === lane)
      .map((q) => q.events);
  }

  /**
   * HA-5: a copy becomes the bucket's primary. What any other copy holds is merged in first
   * (a change whose primary died mid-way may have reached only some copies), and everything
   * is flagged possibleDuplicate: the old primary may have sent it.
   */
  async #takeOver(queue: BucketQueue): Promise<void> {
    queue.syncing = true;
    this.#adoptRecovered(queue);
    try {
      const sources = this.#disk.persistent ? this.#senderHosts() : this.#deps.holders(queue.at);
      for (const events of await this.#copiesAt(sources, queue.at)) {
        for (const event of events) {
          if (!this.#acknowledgedIds.has(eventIdText(event.id))) queue.events.add(event);
        }
      }
      // Rows recovered by a member that was down when they were acknowledged are stale: the
      // members that stayed up remember the removals.
      if (this.#disk.persistent) await this.#dropAcknowledged(queue, sources);
    } finally {
      queue.events.markPossibleDuplicate();
      queue.syncing = false;
      this.#lanes[queue.at.bucket % this.#lanes.length]!.notify();
    }
  }

  async #dropAcknowledged(queue: BucketQueue, sources: MemberKey[]): Promise<void> {
    const ids = queue.events.ids();
    if (ids.length === 0) return;
    const { cluster } = this.#deps;
    const body = {
      t: 'sender.acknowledged',
      sender: this.id,
      region: queue.at.region,
      bucket: queue.at.bucket,
      ids,
    };
    const replies = await Promise.all(
      sources.map((key) =>
        cluster.request(key, body, COPY_REQUEST_TIMEOUT_MS).then(
          (reply) => (reply as { ids: string[] }).ids,
          (): string[] => [],
        ),
      ),
    );
    const acknowledged = replies.flat();
    this.#acknowledgedIds.add(acknowledged);
    queue.events.remove(acknowledged);
  }

  /** The sender starts again while this member holds copies: copy the primaries' queues. */
  async #refill(at: BucketRef): Promise<void> {
    const primary = this.#deps.primary(at);
    if (!primary) return;
    for (const events of await this.#copiesAt([primary], at)) {
      const queue = this.#queues.get(keyOf(at));
      if (!queue || !this.#running) return;
      for (const event of events) queue.events.add(event);
    }
  }

  async #refillCopies(): Promise<void> {
    await Promise.all(
      [...this.#queues.values()].filter((q) => q.role === 'copy').map((q) => this.#refill(q.at)),
    );
  }

  async #copiesAt(members: MemberKey[], at: BucketRef): Promise<RegionEvent[][]> {
    const { cluster } = this.#deps;
    return Promise.all(
      members.map((key) =>
        cluster
          .request(
            key,
            { t: 'sender.bucket', sender: this.id, region: at.region, bucket: at.bucket },
            COPY_REQUEST_TIMEOUT_MS,
          )
          .then(
            (reply) => (reply as { events: RegionEvent[] }).events,
            (error: unknown) => {
              this.#deps.logger.debug(
                { sender: this.id, bucket: at.bucket, err: errorMessage(error) },
                'no bucket queue copy from a peer',
              );
              return [];
            },
          ),
      ),
    );
  }

  /** STOP-4: the events never leave; the copies forget them too. */
  #drop(at: BucketRef, events: RegionEvent[]): void {
    if (events.length === 0) return;
    const nowMs = this.#deps.clock.now();
    for (const event of events) this.#dropped.record(event, nowMs);
    this.#tellCopies(at, events);
  }

  #acknowledged(events: RegionEvent[]): void {
    const byBucket = new Map<string, { at: BucketRef; events: RegionEvent[] }>();
    for (const event of events) {
      if (event.bucket === undefined) continue;
      const at = { region: event.region, bucket: event.bucket };
      const group = byBucket.get(keyOf(at)) ?? { at, events: [] };
      group.events.push(event);
      byBucket.set(keyOf(at), group);
    }
    for (const { at, events: removed } of byBucket.values()) this.#tellCopies(at, removed);
    this.#acknowledgedIds.add(events.map((e) => eventIdText(e.id)));
  }

  /** A copy leaves with its primary's ack: the filters hear of it here too (issue 15). */
  #removeCopies(copies: EventCopies | undefined, ids: string[]): void {
    if (!copies) return;
    if (this.#filters.empty) {
      copies.remove(ids);
      return;
    }
    const removed: RegionEvent[] = [];
    copies.remove(ids, (event) => removed.push(event));
    this.#filters.afterAcknowledgement(removed);
  }

  get #filters(): EventFilterChain {
    return this.#deps.filters ?? NO_FILTERS;
  }

  #tellCopies(at: BucketRef, events: RegionEvent[]): void {
    const ids = events.map((e) => eventIdText(e.id));
    for (const key of this.#deps.holders(at)) {
      this.#deps.cluster.send(key, {
        t: 'sender.removed',
        sender: this.id,
        region: at.region,
        bucket: at.bucket,
        ids,
      });
    }
  }

  #newCopies(): EventCopies {
    return new EventCopies(() => this.#deps.clock.monotonicMs(), this.#disk.writeThrough(), {
      conflation: this.#config.batchConflation,
      nextSeq: this.#disk.nextSeq,
      overflow: { store: this.#disk.overflow(), memory: this.#memory },
    });
  }

  readonly #openLmdb: OpenStore = (use) =>
    new LmdbStore({
      path: join(this.#deps.dataDir, 'gateway-queues', this.id, use, 'buckets'),
      noSync: use === 'overflow',
      wipe: use === 'overflow',
      onError: (error) =>
        this.#deps.logger.error(
          { sender: this.id, err: errorMessage(error) },
          'bucket queue disk write failed',
        ),
    });

  /** QUEUE-3: what an earlier process of this member queued, by bucket, until held again. */
  #recover(): void {
    let total = 0;
    for (const [key, rows] of this.#disk.recover()) {
      const first = rows[0]!.event;
      const events = this.#newCopies();
      total += events.restore(rows);
      this.#recovered.add(key, { region: first.region, bucket: first.bucket! }, events);
    }
    if (total > 0) {
      this.#deps.logger.info(
        { sender: this.id, recovered: total, buckets: this.#recovered.size },
        'recovered the bucket queues from disk',
      );
    }
  }

  /**
   * This member holds a bucket it did not. A copy is filled by the region's bucket snapshot
   * (loadBucket); what this member recovered of the bucket stays aside and is offered to the
   * primary, which alone knows what it acknowledged meanwhile (it sends the rest to its
   * copies). A primary's queue starts from what this member recovered of the bucket, and a
   * persistent sender's takes over the union of every host's holdings of it.
   */
  #hold(at: BucketRef, role: 'primary' | 'copy'): void {
    const key = keyOf(at);
    const recovered = role === 'primary' ? this.#recovered.take(key) : undefined;
    const queue: BucketQueue = {
      at,
      events: recovered ?? this.#newCopies(),
      role,
      syncing: false,
    };
    this.#queues.set(key, queue);
    if (role === 'primary' && this.#disk.persistent) void this.#takeOver(queue);
    else this.#recovered.schedule(0);
  }

  /** A new primary's own recovered events of the bucket join its queue (rows rewritten first). */
  #adoptRecovered(queue: BucketQueue): void {
    const recovered = this.#recovered.take(keyOf(queue.at));
    if (!recovered) return;
    for (const event of recovered.all()) queue.events.add(event);
    recovered.discard();
  }

  /** What this member holds of a bucket, for a peer taking it over. */
  #holdings(at: BucketRef): RegionEvent[] {
    const key = keyOf(at);
    const recovered = this.#recovered.eventsOf(key)?.all() ?? [];
    if (!this.#running && !this.#disk.persistent) return recovered;
    return [...(this.#queues.get(key)?.events.all() ?? []), ...recovered];
  }

  /** Every other member hosting this sender, running or stopped. */
  #senderHosts(): MemberKey[] {
    const { cluster } = this.#deps;
    return cluster
      .hosts((p) => p.senders.some((s) => s.id === this.id))
      .map(memberKey)
      .filter((key) => key !== cluster.selfKey);
  }

  /** As a bucket's primary: queue the offered events not acknowledged yet, and tell the copies. */
  #offered(at: BucketRef, events: RegionEvent[]): OfferReply {
    const queue = this.#queues.get(keyOf(at));
    if (queue?.role !== 'primary' || queue.syncing) return { accepted: false, acknowledged: [] };
    const acknowledged: string[] = [];
    const adopted: RegionEvent[] = [];
    for (const event of events) {
      const id = eventIdText(event.id);
      const flagged = changedEvent(event, { possibleDuplicate: true });
      if (this.#acknowledgedIds.has(id)) acknowledged.push(id);
      else if (queue.events.add(flagged)) adopted.push(flagged);
    }
    if (adopted.length > 0) {
      for (const key of this.#deps.holders(at)) {
        this.#deps.cluster.send(key, {
          t: 'sender.added',
          sender: this.id,
          region: at.region,
          bucket: at.bucket,
          events: adopted,
        });
      }
      this.#lanes[at.bucket % this.#lanes.length]!.notify();
    }
    return { accepted: true, acknowledged };
  }

  #offer(primary: MemberKey, at: BucketRef, events: RegionEvent[]): Promise<OfferReply> {
    return this.#deps.cluster
      .request(
        primary,
        { t: 'sender.offer', sender: this.id, region: at.region, bucket: at.bucket, events },
        COPY_REQUEST_TIMEOUT_MS,
      )
      .then(
        (answer) => answer as OfferReply,
        (): OfferReply => ({ accepted: false, acknowledged: [] }),
      );
  }

  #queueStats(): QueueStats {
    const queues = [...[...this.#queues.values()].map((q) => q.events), ...this.#recovered.all()];
    let size = 0;
    let onDisk = 0;
    let bytesOnDisk = 0;
    let conflated = 0;
    for (const events of queues) {
      size += events.size;
      onDisk += events.onDisk;
      bytesOnDisk += events.bytesOnDisk;
      conflated += events.eventsConflated;
    }
    return {
      size,
      inMemory: size - onDisk,
      onDisk,
      bytesInMemory: this.#memory.usedBytes,
      bytesOnDisk,
      eventsConflated: conflated,
      eventsOverflowed: this.#memory.eventsOverflowed,
    };
  }

  #laneContext(): SenderLaneContext {
    return senderLaneContext(
      {
        senderId: this.id,
        remoteDsid: this.remoteDsid,
        config: this.#config,
        gate: this.#gate,
        failures: this.#failures,
        filters: this.#filters,
        transport: this.#transport,
      },
      this.#deps,
    );
  }

  #statistics(): SenderStatistics {
    const totals = this.#dispatching.totals(this.#counters);
    return {
      ...totals,
      eventsConflated: [...this.#queues.values()]
        .filter((q) => q.role === 'primary')
        .reduce((n, q) => n + q.events.eventsConflated, this.#conflatedByGoneQueues),
      eventsOverflowedToDisk: this.#memory.eventsOverflowed,
      averageBatchDistributionTimeMs:
        totals.batchesAcknowledged > 0
          ? totals.batchDistributionTimeMs / totals.batchesAcknowledged
          : 0,
    };
  }
}
