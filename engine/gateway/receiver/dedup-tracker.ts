import type { RegionEvent } from '../../region/region-event.js';

/**
 * Receiver-side duplicate detection (BATCH-2, RECV-2), after Geode's EventTracker: the last
 * sequence applied per event stream. A stream is one originating (member, thread) as carried
 * by one sender lane, so two senders to the same site (SEND-1) stay independent.
 */
export class DedupTracker {
  readonly #lastSeq = new Map<string, number>();

  /**
   * True for an event not seen before (and remembers it); false for a duplicate. Events of a
   * partitioned region stream per bucket: a parallel sender sends each bucket from whichever
   * member is its primary, so one origin thread's events arrive in order only bucket by bucket
   * (Geode rewrites the thread id per bucket for the same reason).
   */
  admit(lane: string, event: Pick<RegionEvent, 'id' | 'bucket'>): boolean {
    const { id, bucket } = event;
    const stream = `${lane}|${id.member}/${id.thread}${bucket === undefined ? '' : `/${bucket}`}`;
    const last = this.#lastSeq.get(stream);
    if (last !== undefined && id.seq <= last) return false;
    this.#lastSeq.set(stream, id.seq);
    return true;
  }

  clear(): void {
    this.#lastSeq.clear();
  }
}
