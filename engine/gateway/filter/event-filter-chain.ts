import type { Logger } from 'pino';
import type { GatewayEventFilter, GatewayFilterEvent } from '../../../contract/event-filter-api.js';
import type { FilterStatus } from '../../../contract/control-api/senders.js';
import { errorMessage } from '../../errors.js';
import { eventIdText, type RegionEvent } from '../../region/region-event.js';

type Hook = 'beforeEnqueue' | 'beforeTransmit' | 'afterAcknowledgement' | 'stats';

/** A loaded filter with the module it came from and the times its hooks threw. */
interface LoadedFilter {
  module: string;
  filter: GatewayEventFilter;
  errors: number;
}

/**
 * A sender's gateway event filters on one member, called in order (issue 15; Geode's
 * GatewayEventFilter). A hook that throws is logged and counted, and the event goes on as if
 * it had said true: a broken filter never loses an event. An empty chain costs one length
 * check per event.
 */
export class EventFilterChain {
  readonly #filters: LoadedFilter[];
  readonly #senderId: string;
  readonly #logger: Logger | undefined;

  /** No filter: what a sender without `eventFilters` has. */
  static none(): EventFilterChain {
    return new EventFilterChain('', [], undefined);
  }

  constructor(
    senderId: string,
    filters: ReadonlyArray<{ module: string; filter: GatewayEventFilter }>,
    logger: Logger | undefined,
  ) {
    this.#senderId = senderId;
    this.#logger = logger;
    this.#filters = filters.map((f) => ({ ...f, errors: 0 }));
  }

  get empty(): boolean {
    return this.#filters.length === 0;
  }

  /** False: keep the event out of the queue. */
  beforeEnqueue(event: RegionEvent): boolean {
    return this.#passes('beforeEnqueue', event);
  }

  /** False: keep the event out of the batch (it still leaves the queue with the ack). */
  beforeTransmit(event: RegionEvent): boolean {
    return this.#passes('beforeTransmit', event);
  }

  afterAcknowledgement(events: readonly RegionEvent[]): void {
    if (this.#filters.length === 0) return;
    for (const loaded of this.#filters) {
      const hook = loaded.filter.afterAcknowledgement;
      if (!hook) continue;
      for (const event of events) this.#call(loaded, 'afterAcknowledgement', event, hook);
    }
  }

  status(): FilterStatus[] {
    return this.#filters.map((loaded) => ({
      module: loaded.module,
      stats: this.#stats(loaded),
      errors: loaded.errors,
    }));
  }

  #passes(hook: 'beforeEnqueue' | 'beforeTransmit', event: RegionEvent): boolean {
    for (const loaded of this.#filters) {
      const fn = loaded.filter[hook];
      if (fn && this.#call(loaded, hook, event, fn) === false) return false;
    }
    return true;
  }

  #call<R>(
    loaded: LoadedFilter,
    hook: Hook,
    event: RegionEvent,
    fn: (event: GatewayFilterEvent) => R,
  ): R | undefined {
    try {
      return fn.call(loaded.filter, filterEvent(event));
    } catch (error) {
      this.#failed(loaded, hook, error, event);
      return undefined;
    }
  }

  #stats(loaded: LoadedFilter): Record<string, number> {
    if (!loaded.filter.stats) return {};
    try {
      const stats = loaded.filter.stats.call(loaded.filter);
      return Object.fromEntries(
        Object.entries(stats ?? {}).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
      );
    } catch (error) {
      this.#failed(loaded, 'stats', error);
      return {};
    }
  }

  #failed(loaded: LoadedFilter, hook: Hook, error: unknown, event?: RegionEvent): void {
    loaded.errors++;
    this.#logger?.error(
      {
        sender: this.#senderId,
        filter: loaded.module,
        hook,
        err: errorMessage(error),
        ...(event ? { region: event.region, key: event.key, eventId: eventIdText(event.id) } : {}),
      },
      'gateway event filter threw; the event goes on as if it had passed',
    );
  }
}

function filterEvent(event: RegionEvent): GatewayFilterEvent {
  return {
    region: event.region,
    key: event.key,
    operation: event.op,
    value: event.value,
    originDsid: event.originDsid,
    eventId: eventIdText(event.id),
    possibleDuplicate: event.possibleDuplicate,
  };
}
