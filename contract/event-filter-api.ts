/**
 * The interface a gateway event filter implements (Geode's GatewayEventFilter): a JavaScript
 * or TypeScript module, named in a sender's `eventFilters`, that exports
 *
 *     export function createEventFilter(options) {
 *       return { beforeEnqueue(event) { ... }, beforeTransmit(event) { ... },
 *                afterAcknowledgement(event) { ... }, stats() { ... } };
 *     }
 *
 * Every hook is optional and synchronous. The engine calls `createEventFilter` once per
 * sender when the member starts, with the filter's `options`. `beforeEnqueue` runs on every
 * member that queues the event (primary and copies): false keeps the event out of the queue.
 * `beforeTransmit` runs on the dispatching member as a batch is made: false keeps the event
 * out of the batch, and it still leaves the queue with the batch's ack. Both count
 * `eventsFiltered`. `afterAcknowledgement` runs on the primary for each transmitted event of
 * an acknowledged batch, and on every member holding a copy when the copy is removed; so with
 * one redundant copy each event is acknowledged twice, as in Geode. `stats()` may report the
 * filter's own counters, shown under the sender's status (`filters`). A hook that throws is
 * logged and counted (`errors`) and the event goes on as if the hook had said true: a broken
 * filter never loses an event. docs/event-filters.md has more.
 */
import type { Operation } from './control-api/common.js';
import type { JsonValue } from './json.js';

export interface GatewayFilterEvent {
  readonly region: string;
  readonly key: string;
  readonly operation: Operation;
  /** The value written; undefined for a destroy. */
  readonly value: JsonValue | undefined;
  /** The distributed-system-id of the site where the change was made. */
  readonly originDsid: number;
  /** The event's id, unique in the deployment. */
  readonly eventId: string;
  /** Sent again after a lost ack or a takeover (BATCH-2). */
  readonly possibleDuplicate: boolean;
}

export interface GatewayEventFilter {
  beforeEnqueue?(event: GatewayFilterEvent): boolean;
  beforeTransmit?(event: GatewayFilterEvent): boolean;
  afterAcknowledgement?(event: GatewayFilterEvent): void;
  stats?(): Record<string, number>;
}

export type EventFilterFactory = (options: Record<string, JsonValue>) => GatewayEventFilter;
