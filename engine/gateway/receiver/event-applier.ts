import type { RegionEvent } from '../../region/region-event.js';

export type ApplyResult =
  { kind: 'applied' } | { kind: 'discarded' } | { kind: 'failed'; code: string; message: string };

/** What a receiver needs of its member: apply one event to the same region here (RECV-1). */
export interface EventApplier {
  apply(event: RegionEvent, fromDsid: number): ApplyResult;
}
