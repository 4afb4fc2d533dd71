import type { Clock } from '../../clock.js';
import type { Credentials } from '../../security/credentials.js';
import { realWallMs } from '../../cluster/membership-agent.js';
import type { MemberRef } from '../../cluster/member-ref.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { SenderConfig } from '../../config/sender-schema.js';
import { EngineError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { MemberKey } from '../../region/bucket/bucket-table.js';
import type { BucketRef, BucketRole } from '../../region/bucket/event-sink.js';
import { eventIdText, type RegionEvent } from '../../region/region-event.js';
import { Dispatcher } from '../sender/dispatcher.js';
import { senderIssues } from '../../config/member-rules.js';
import { emptyQueueStats } from '../queue/event-queue.js';
import { FailureLog } from '../sender/failure-log.js';
import type {
  ReceiverDirectory,
  SenderAlteration,
  SenderState,
  SenderStatus,
} from '../sender/gateway-sender.js';
import { PauseGate } from '../sender/pause-gate.js';
import { laneDispatcher, type SenderLaneContext } from '../sender/lane-dispatcher.js';
import {
  emptyCounters,
  type SenderCounters,
  type SenderStatistics,
} from '../sender/sender-stats.js';
import { BucketLane } from './bucket-lane.js';
import { DroppedEvents, type DroppedEvent } from './dropped-events.js';
import { EventCopies } from './event-copies.js';
import type { SiteSender } from './site-sender.js';

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
}

interface BucketQueue {
  at: BucketRef;
  events: EventCopies;
  role: 'primary' | 'copy';
  /** A new primary collects what other copies hold before it dispatches. */
  syncing: boolean;
}

interface Dispatching {
  controller: AbortController;
  dispatchers: Dispatcher[];
  counters: SenderCounters[];
  loops: Array<Promise<void>>;
}

const DROPPED_EVENTS_KEPT = 10000;
const RECENT_FAILURES = 50;
/** Counted by the dispatchers; the others by the sender itself. */
const DISPATCH_COUNTERS = new Set<keyof SenderCounters>([
  'eventsDistributed',
  'eventsFailed',
  'eventsExceedingAlertThreshold',
  'batchesDispatched',
  'batchesAcknowledged',
  'batchesRedistributed',
  'batchesWithIncompleteTransactions',
  'connectAttempts',
  'connectFailures',
  'batchDistributionTimeMs',
]);
const COPY_REQUEST_TIMEOUT_MS = 5000;

function keyOf(at: BucketRef): string {
  return `${at.region}/${at.bucket}`;
}

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
 */
export class ParallelGatewaySender implements SiteSender {
  readonly id: string;
  readonly remoteDsid: number;
  readonly parallel = true;
  /** The attributes in use; `alter` changes some while the sender runs. */
  readonly #config: SenderConfig;
  readonly #failures = new FailureLog(RECENT_FAILURES);
  readonly #deps: ParallelSenderDeps;
  readonly #queues = new Map<string, BucketQueue>();
  readonly #gate = new PauseGate();
  readonly #counters: SenderCounters = emptyCounters();
  readonly #dropped = new DroppedEvents(DROPPED_EVENTS_KEPT);
  /** QUEUE-5: what primary bucket queues conflated before they left this member. */
  #conflatedByGoneQueues = 0;
  readonly #lanes: BucketLane[];
  /** Shifts which receiver each dispatcher starts with, so members spread too (RECV-3). */
  readonly #receiverOffset: number;
  #running = false;
  #runningSinceMs = 0;
  #dispatching: Dispatching | undefined;

  constructor(config: SenderConfig, deps: ParallelSenderDeps) {
    this.id = config.id;
    this.remoteDsid = config.remoteDistributedSystemId;
    this.#config = { ...config };
    this.#deps = deps;
    this.#receiverOffset = Math.floor(deps.random() * 1024);
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
    this.#startDispatching();
    await this.#deps.publish();
    await this.#refillCopies();
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
    await this.#stopDispatching();
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
    const issues = senderIssues({ ...this.#config, ...changes });
    if (issues.length > 0) {
      throw new EngineError(
        'WAN_ERR_CONFIG_INVALID',
        `cannot alter sender ${this.id}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues.map((i) => i.hint).join('; '),
      );
    }
    // Dispatchers read these attributes before each batch.
    Object.assign(this.#config, changes);
  }

  /** The bucket queues are in memory: nothing more to wait for. */
  async durable(): Promise<void> {}

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
    if (!queue || !queue.events.add(event) || !primary) return;
    this.#counters.eventsQueued++;
    this.#lanes[at.bucket % this.#lanes.length]!.notify();
  }

  countNotQueued(): void {
    this.#counters.eventsReceived++;
    this.#counters.eventsNotQueued++;
  }

  update(): void {}

  bucketRole(at: BucketRef, role: BucketRole): void {
    const key = keyOf(at);
    const queue = this.#queues.get(key);
    if (role === 'none') {
      if (queue?.role === 'primary') this.#conflatedByGoneQueues += queue.events.eventsConflated;
      this.#queues.delete(key);
      return;
    }
    if (!queue) {
      // A new copy is filled by the region's bucket snapshot (loadBucket).
      this.#queues.set(key, { at, events: this.#newCopies(), role, syncing: false });
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
    if (body.t === 'sender.removed') {
      queue?.events.remove(body.ids as string[]);
      return undefined;
    }
    if (body.t === 'sender.bucket')
      return { events: this.#running ? (queue?.events.all() ?? []) : [] };
    return undefined;
  }

  async rejoined(): Promise<void> {
    // The region layer re-announces every bucket role after the rejoin (region reset).
  }

  dropped(): { total: number; events: DroppedEvent[] } {
    return this.#dropped.list();
  }

  async rebalance(): Promise<void> {
    for (const dispatcher of this.#dispatching?.dispatchers ?? []) dispatcher.link.close();
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
    const dispatchers = this.#lanes.map((lane, index) => {
      const dispatcher = this.#dispatching?.dispatchers[index];
      const counters = this.#dispatching?.counters[index];
      const receiver = dispatcher?.link.address;
      return {
        index,
        connected: dispatcher?.link.connected ?? false,
        ...(receiver ? { receiver } : {}),
        queueSize: lane.stats().size,
        inFlightEvents: dispatcher?.inFlightEvents ?? 0,
        batchesDispatched: counters?.batchesDispatched ?? 0,
        eventsDistributed: counters?.eventsDistributed ?? 0,
      };
    });
    const connected = dispatchers.find((d) => d.connected);
    const held = [...this.#queues.values()];
    const size = held.reduce((n, q) => n + q.events.size, 0);
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
      queue: { ...emptyQueueStats(), size, inMemory: size },
      stats: this.#statistics(),
      dispatchers,
      attributes: { ...this.#config },
      recentFailures: this.#failures.recent(),
      buckets: {
        primary: held.filter((q) => q.role === 'primary').length,
        copies: held.filter((q) => q.role === 'copy').length,
      },
      eventsDropped: this.#dropped.total,
    };
  }

  async close(): Promise<void> {
    this.#running = false;
    await this.#stopDispatching();
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
    try {
      for (const events of await this.#otherCopies(queue.at)) {
        for (const event of events) queue.events.add(event);
      }
    } finally {
      queue.events.markPossibleDuplicate();
      queue.syncing = false;
      this.#lanes[queue.at.bucket % this.#lanes.length]!.notify();
    }
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

  #otherCopies(at: BucketRef): Promise<RegionEvent[][]> {
    return this.#copiesAt(this.#deps.holders(at), at);
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
    return new EventCopies(() => this.#deps.clock.monotonicMs(), undefined, {
      conflation: this.#config.batchConflation,
    });
  }

  #startDispatching(): void {
    const controller = new AbortController();
    const counters = this.#lanes.map(() => emptyCounters());
    const dispatchers = this.#lanes.map((lane, index) =>
      this.#dispatcher(index, lane, counters[index]!),
    );
    // SEND-10: one attempt at creation; after that, only when a batch is waiting.
    for (const dispatcher of dispatchers) void dispatcher.tryConnect();
    const loops = dispatchers.map((d) => d.run(controller.signal));
    this.#dispatching = { controller, dispatchers, counters, loops };
  }

  async #stopDispatching(): Promise<void> {
    const dispatching = this.#dispatching;
    if (!dispatching) return;
    dispatching.controller.abort();
    for (const dispatcher of dispatching.dispatchers) dispatcher.link.close();
    await Promise.all(dispatching.loops);
    // Keep the totals of the dispatchers that stopped.
    const totals = this.#totals();
    Object.assign(this.#counters, totals);
    this.#dispatching = undefined;
  }

  #dispatcher(index: number, lane: BucketLane, counters: SenderCounters): Dispatcher {
    const { clock, logger, localDsid, memberUid, directory, random, credentials } = this.#deps;
    const context: SenderLaneContext = {
      senderId: this.id,
      remoteDsid: this.remoteDsid,
      config: this.#config,
      gate: this.#gate,
      failures: this.#failures,
      clock,
      logger,
      localDsid,
      memberUid,
      directory,
      random,
      credentials,
    };
    return laneDispatcher(context, index, {
      queue: lane,
      stats: counters,
      onRemoved: (events) => this.#acknowledged(events),
      firstChoice: (addresses) => (this.#receiverOffset + index) % Math.max(1, addresses.length),
    });
  }

  /** Queue-side counts live here; dispatch counts in each dispatcher's counters. */
  #totals(): SenderCounters {
    const totals = { ...this.#counters };
    for (const counters of this.#dispatching?.counters ?? []) {
      for (const key of Object.keys(totals) as Array<keyof SenderCounters>) {
        if (DISPATCH_COUNTERS.has(key)) totals[key] += counters[key];
      }
    }
    return totals;
  }

  #statistics(): SenderStatistics {
    const totals = this.#totals();
    return {
      ...totals,
      eventsConflated: [...this.#queues.values()]
        .filter((q) => q.role === 'primary')
        .reduce((n, q) => n + q.events.eventsConflated, this.#conflatedByGoneQueues),
      eventsOverflowedToDisk: 0,
      averageBatchDistributionTimeMs:
        totals.batchesAcknowledged > 0
          ? totals.batchDistributionTimeMs / totals.batchesAcknowledged
          : 0,
    };
  }
}
