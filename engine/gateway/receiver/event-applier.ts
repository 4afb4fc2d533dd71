import type { RegionEvent } from '../../region/region-event.js';

export type ApplyResult =
  { kind: 'applied' } | { kind: 'discarded' } | { kind: 'failed'; code: string; message: string };

/**
 * What a receiver needs of its member: apply one event to the same region here (RECV-1).
 * In a site of several members this waits until the key's primary and its copies have it;
 * calls for one batch start in the batch's order.
 */
export interface EventApplier {
  apply(event: RegionEvent, fromDsid: number): ApplyResult | Promise<ApplyResult>;
  /** False when `apply` would fail at once (an unknown region): the batch stops there. */
  accepts?(event: RegionEvent): boolean;
}
