import type { Dispatcher } from '../sender/dispatcher.js';
import type { DispatcherStatus } from '../sender/gateway-sender.js';
import { laneDispatcher, type SenderLaneContext } from '../sender/lane-dispatcher.js';
import { emptyCounters, type SenderCounters } from '../sender/sender-stats.js';
import type { BucketLane } from './bucket-lane.js';
import type { RegionEvent } from '../../region/region-event.js';

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

interface Running {
  controller: AbortController;
  dispatchers: Dispatcher[];
  counters: SenderCounters[];
  loops: Array<Promise<void>>;
}

export interface LaneDispatchingHooks {
  /** What every dispatcher needs of its sender, read when dispatching starts. */
  context: () => SenderLaneContext;
  /** Events a receiver acknowledged (the copies are told; the ids remembered). */
  onRemoved: (events: RegionEvent[]) => void;
  /** Shifts which receiver each dispatcher starts with, so members spread too (RECV-3). */
  receiverOffset: number;
}

/**
 * The dispatchers of a parallel sender on one member, one per lane, while it runs: started and
 * stopped with the sender, their counts folded into the sender's when they stop, so totals
 * survive a stop and start.
 */
export class LaneDispatching {
  readonly #lanes: readonly BucketLane[];
  readonly #hooks: LaneDispatchingHooks;
  #running: Running | undefined;

  constructor(lanes: readonly BucketLane[], hooks: LaneDispatchingHooks) {
    this.#lanes = lanes;
    this.#hooks = hooks;
  }

  start(): void {
    const controller = new AbortController();
    const context = this.#hooks.context();
    const counters = this.#lanes.map(() => emptyCounters());
    const dispatchers = this.#lanes.map((lane, index) =>
      laneDispatcher(context, index, {
        queue: lane,
        stats: counters[index]!,
        onRemoved: (events) => this.#hooks.onRemoved(events),
        firstChoice: (addresses) =>
          (this.#hooks.receiverOffset + index) % Math.max(1, addresses.length),
      }),
    );
    // SEND-10: one attempt at creation; after that, only when a batch is waiting.
    for (const dispatcher of dispatchers) void dispatcher.tryConnect();
    const loops = dispatchers.map((d) => d.run(controller.signal));
    this.#running = { controller, dispatchers, counters, loops };
  }

  /** Stops every dispatcher and adds their counts into `into` (the sender's own counters). */
  async stop(into: SenderCounters): Promise<void> {
    const running = this.#running;
    if (!running) return;
    running.controller.abort();
    for (const dispatcher of running.dispatchers) dispatcher.link.close();
    await Promise.all(running.loops);
    Object.assign(into, this.totals(into));
    this.#running = undefined;
  }

  /** Every dispatcher reconnects, choosing among the receivers known then. */
  reconnect(): void {
    for (const dispatcher of this.#running?.dispatchers ?? []) dispatcher.link.close();
  }

  /** The sender's own counts with the running dispatchers' added. */
  totals(own: SenderCounters): SenderCounters {
    const totals = { ...own };
    for (const counters of this.#running?.counters ?? []) {
      for (const key of Object.keys(totals) as Array<keyof SenderCounters>) {
        if (DISPATCH_COUNTERS.has(key)) totals[key] += counters[key];
      }
    }
    return totals;
  }

  status(): DispatcherStatus[] {
    return this.#lanes.map((lane, index) => {
      const dispatcher = this.#running?.dispatchers[index];
      const counters = this.#running?.counters[index];
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
  }
}
