import { compressionOf } from '../../../contract/transport.js';
import { SenderTransport } from '../transport/sender-transport.js';
import { join } from 'node:path';
import type { Credentials } from '../../security/credentials.js';
import type { Clock } from '../../clock.js';
import type { SenderConfig } from '../../config/sender-schema.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RegionEvent } from '../../region/region-event.js';
import { sleep } from '../../sleep.js';
import { createEventQueue } from '../queue/create-queue.js';
import { LmdbStore, type DiskStore } from '../queue/disk-store.js';
import { addQueueStats, emptyQueueStats, type EventQueue } from '../queue/event-queue.js';
import { Dispatcher } from './dispatcher.js';
import { FailureLog } from './failure-log.js';
import type {
  DispatcherStatus,
  GatewaySender,
  ReceiverDirectory,
  SenderAlteration,
  SenderState,
  SenderStatus,
} from './gateway-sender.js';
import { laneOf } from './order-policy.js';
import { PauseGate } from './pause-gate.js';
import { applyAlteration } from './sender-alteration.js';
import { laneDispatcher, senderLaneContext, type SenderLaneContext } from './lane-dispatcher.js';
import { emptyCounters, type SenderCounters, type SenderStatistics } from './sender-stats.js';
import { EventFilterChain } from '../filter/event-filter-chain.js';

const NO_FILTERS = EventFilterChain.none();

export interface SenderDeps {
  clock: Clock;
  logger: Logger;
  localDsid: number;
  memberUid: string;
  directory: ReceiverDirectory;
  random: () => number;
  /** What its handshakes prove (issue 17). */
  credentials: Credentials;
  /** The member's data directory; overflow and persistent queues live under it. */
  dataDir: string;
  /** Its gateway event filters (issue 15); absent: none. */
  filters?: EventFilterChain;
}

const RECENT_FAILURES = 50;
const SHUTDOWN_POLL_MS = 50;
const BYTES_PER_MB = 1024 * 1024;

/** What exists only while this member dispatches (running and primary). */
interface Dispatching {
  controller: AbortController;
  dispatchers: Dispatcher[];
  loops: Array<Promise<void>>;
}

/**
 * A serial gateway sender on one member (SEND-3, SEND-4, SEND-8): one logical queue split
 * into `dispatcherThreads` lanes by the order policy, each lane with its own queue, dispatcher
 * and connection. Dispatching runs only while the sender is running and primary; a sender
 * on one member is its own primary, and the split leaves room for a secondary that queues
 * without dispatching.
 */
export class SerialGatewaySender implements GatewaySender {
  readonly id: string;
  readonly remoteDsid: number;
  readonly parallel = false;
  readonly #attributes: SenderConfig;
  readonly #deps: SenderDeps;
  readonly #lanes: EventQueue[];
  readonly #gate = new PauseGate();
  readonly #counters: SenderCounters = emptyCounters();
  readonly #failures = new FailureLog(RECENT_FAILURES);
  readonly #transport: SenderTransport;
  /** Only a primary dispatches (HA-1); engine/gateway/site decides it for several members. */
  #primary = true;
  #removedListeners: Array<(events: RegionEvent[]) => void> = [];
  #running = false;
  #stopping: Promise<void> | undefined;
  #dispatching: Dispatching | undefined;

  constructor(config: SenderConfig, deps: SenderDeps) {
    this.id = config.id;
    this.remoteDsid = config.remoteDistributedSystemId;
    this.#transport = new SenderTransport(compressionOf(config.transport));
    this.#attributes = { ...config };
    this.#deps = deps;
    this.#lanes = Array.from({ length: config.dispatcherThreads }, (_, lane) =>
      this.#createQueue(lane),
    );
  }

  isRunning(): boolean {
    return this.#running;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    await this.#stopping;
    this.#running = true;
    if (this.#primary) this.#startDispatching();
    this.#deps.logger.info(
      { sender: this.id, lanes: this.#lanes.length },
      'gateway sender started',
    );
  }

  stop(): Promise<void> {
    if (!this.#running) return this.#stopping ?? Promise.resolve();
    this.#stopping ??= this.#stop().finally(() => (this.#stopping = undefined));
    return this.#stopping;
  }

  /** PAUSE-1: dispatching stops after the batch in flight; events keep being queued. */
  pause(): void {
    if (!this.#running) return;
    this.#gate.pause();
    this.#deps.logger.info({ sender: this.id }, 'gateway sender paused');
  }

  resume(): void {
    if (!this.#running) return;
    this.#gate.resume();
    this.#deps.logger.info({ sender: this.id }, 'gateway sender resumed');
  }

  /**
   * HA seam (engine/gateway/site/ha-serial-sender.ts): losing the primary role stops
   * dispatching and empties the queue, whose events the caller keeps as a secondary's copy.
   */
  async setPrimary(primary: boolean): Promise<void> {
    if (primary === this.#primary) return;
    this.#primary = primary;
    if (primary && this.#running && !this.#dispatching) this.#startDispatching();
    if (primary) return;
    await this.#stopDispatching();
    for (const queue of this.#lanes) queue.clear();
  }

  /** HA seam: the events an ack removed from a lane, so that secondaries drop their copies. */
  onRemoved(listener: (events: RegionEvent[]) => void): void {
    this.#removedListeners.push(listener);
  }

  /** HA seam: queues events a secondary kept, without counting them as newly received. */
  adopt(events: RegionEvent[]): void {
    for (const event of events) {
      this.#lanes[laneOf(event, this.#attributes.orderPolicy, this.#lanes.length)]!.enqueue(event);
    }
  }

  /** HA seam: everything queued now, lane after lane (a new secondary copies it). */
  async queuedEvents(): Promise<RegionEvent[]> {
    const events: RegionEvent[] = [];
    for (const queue of this.#lanes) {
      const size = queue.stats().size;
      if (size === 0) continue;
      const controller = new AbortController();
      events.push(...(await queue.peek({ maxEvents: size, waitMs: 0, signal: controller.signal })));
    }
    return events;
  }

  /** HA seam: drops what the lanes hold (their events went to the member's copy first). */
  clearQueue(): void {
    for (const queue of this.#lanes) queue.clear();
  }

  /** HA seam: resolves once what the lanes hold is on disk (at once when not persistent). */
  async committed(): Promise<void> {
    await Promise.all(this.#lanes.map((queue) => queue.committed()));
  }

  /**
   * HA seam: where a persistent sender's member keeps its copy of the queue while it is not
   * the primary (undefined when not persistent: the copy is memory only, as in Geode).
   */
  copyStore(): DiskStore | undefined {
    if (!this.#attributes.persistent) return undefined;
    const { dataDir, logger } = this.#deps;
    return new LmdbStore({
      path: join(dataDir, 'gateway-queues', this.id, 'persistent', 'copy'),
      noSync: false,
      wipe: false,
      onError: (error) =>
        logger.error({ sender: this.id, err: errorMessage(error) }, 'queue copy disk write failed'),
    });
  }

  alter(changes: SenderAlteration): void {
    applyAlteration(this.id, this.#attributes, changes);
    this.#deps.logger.info({ sender: this.id, changes }, 'gateway sender altered');
  }

  enqueue(event: RegionEvent): void {
    this.#counters.eventsReceived++;
    if (!this.#running) {
      this.#counters.eventsNotQueued++;
      return;
    }
    const lane = laneOf(event, this.#attributes.orderPolicy, this.#lanes.length);
    this.#lanes[lane]!.enqueue(event);
    this.#counters.eventsQueued++;
  }

  countNotQueued(): void {
    this.#counters.eventsReceived++;
    this.#counters.eventsNotQueued++;
  }

  async durable(): Promise<void> {
    await Promise.all(this.#lanes.map((queue) => queue.durable()));
  }

  status(): SenderStatus {
    const dispatchers = this.#lanes.map((queue, index) => this.#laneStatus(queue, index));
    const connected = dispatchers.find((d) => d.connected);
    const state: SenderState = !this.#running
      ? 'stopped'
      : this.#gate.paused
        ? 'paused'
        : 'running';
    const queue = this.#lanes.map((q) => q.stats()).reduce(addQueueStats, emptyQueueStats());
    return {
      id: this.id,
      remoteDistributedSystemId: this.remoteDsid,
      parallel: false,
      state,
      running: state !== 'stopped',
      paused: state === 'paused',
      primary: this.#running && this.#primary,
      connected: connected !== undefined,
      ...(connected?.receiver ? { receiver: connected.receiver } : {}),
      queue,
      stats: this.#statistics(queue),
      dispatchers,
      attributes: { ...this.#attributes },
      recentFailures: this.#failures.recent(),
      ...(this.filters.empty ? {} : { filters: this.filters.status() }),
      transport: this.#transport.status(),
    };
  }

  /** Its gateway event filters (none when it has none). */
  get filters(): EventFilterChain {
    return this.#deps.filters ?? NO_FILTERS;
  }

  async close(): Promise<void> {
    this.#running = false;
    await this.#stopDispatching();
    await Promise.all(this.#lanes.map((queue) => queue.close()));
  }

  async #stop(): Promise<void> {
    await this.#drainBeforeStop();
    this.#running = false;
    await this.#stopDispatching();
    // Geode closes a non-persistent queue region on stop: its events are gone.
    if (!this.#attributes.persistent) for (const queue of this.#lanes) queue.clear();
    this.#gate.resume();
    this.#deps.logger.info({ sender: this.id }, 'gateway sender stopped');
  }

  /** STOP-3: wait up to maximumShutdownWaitS for the queue to drain (-1: until it does). */
  async #drainBeforeStop(): Promise<void> {
    const waitS = this.#attributes.maximumShutdownWaitS;
    if (waitS === 0 || !this.#dispatching) return;
    const { clock, logger } = this.#deps;
    const deadlineMs = waitS < 0 ? Infinity : clock.monotonicMs() + waitS * 1000;
    logger.info({ sender: this.id, maximumShutdownWaitS: waitS }, 'stopping: draining the queue');
    while (this.#queuedEvents() > 0 && clock.monotonicMs() < deadlineMs) {
      await sleep(SHUTDOWN_POLL_MS);
    }
  }

  #queuedEvents(): number {
    return this.#lanes.reduce((total, queue) => total + queue.stats().size, 0);
  }

  #startDispatching(): void {
    const controller = new AbortController();
    const dispatchers = this.#lanes.map((queue, index) => this.#createDispatcher(index, queue));
    // SEND-10: one attempt at creation; after that, only when a batch is waiting.
    for (const dispatcher of dispatchers) void dispatcher.tryConnect();
    const loops = dispatchers.map((dispatcher) => dispatcher.run(controller.signal));
    this.#dispatching = { controller, dispatchers, loops };
  }

  async #stopDispatching(): Promise<void> {
    const dispatching = this.#dispatching;
    if (!dispatching) return;
    this.#dispatching = undefined;
    dispatching.controller.abort();
    // Closing the links fails the batch in flight: it stays queued, flagged possibleDuplicate.
    for (const dispatcher of dispatching.dispatchers) dispatcher.link.close();
    await Promise.all(dispatching.loops);
  }

  #createQueue(lane: number): EventQueue {
    const config = this.#attributes;
    const { clock, dataDir, logger } = this.#deps;
    const mode = config.persistent ? 'persistent' : 'overflow';
    return createEventQueue({
      mode,
      clock,
      maximumQueueMemoryBytes:
        (config.maximumQueueMemoryMb * BYTES_PER_MB) / config.dispatcherThreads,
      batchConflation: config.batchConflation,
      diskSynchronous: config.diskSynchronous,
      directory: join(dataDir, 'gateway-queues', this.id, mode, `lane-${lane}`),
      onDiskError: (error) =>
        logger.error(
          { sender: this.id, lane, err: errorMessage(error) },
          'queue disk write failed',
        ),
    });
  }

  #createDispatcher(index: number, queue: EventQueue): Dispatcher {
    return laneDispatcher(this.#laneContext(), index, {
      queue,
      stats: this.#counters,
      onRemoved: (events) => {
        for (const listener of this.#removedListeners) listener(events);
      },
    });
  }

  #laneContext(): SenderLaneContext {
    return senderLaneContext(
      {
        senderId: this.id,
        remoteDsid: this.remoteDsid,
        config: this.#attributes,
        gate: this.#gate,
        failures: this.#failures,
        filters: this.filters,
        transport: this.#transport,
      },
      this.#deps,
    );
  }

  #laneStatus(queue: EventQueue, index: number): DispatcherStatus {
    const dispatcher = this.#dispatching?.dispatchers[index];
    const receiver = dispatcher?.link.address;
    return {
      index,
      connected: dispatcher?.link.connected ?? false,
      ...(receiver ? { receiver } : {}),
      queueSize: queue.stats().size,
      inFlightEvents: dispatcher?.inFlightEvents ?? 0,
      batchesDispatched: dispatcher?.batchesDispatched ?? 0,
      eventsDistributed: dispatcher?.eventsDistributed ?? 0,
    };
  }

  #statistics(queue: ReturnType<EventQueue['stats']>): SenderStatistics {
    const counters = { ...this.#counters };
    const acknowledged = counters.batchesAcknowledged;
    return {
      ...counters,
      eventsConflated: queue.eventsConflated,
      eventsOverflowedToDisk: queue.eventsOverflowed,
      averageBatchDistributionTimeMs:
        acknowledged > 0 ? counters.batchDistributionTimeMs / acknowledged : 0,
    };
  }
}
