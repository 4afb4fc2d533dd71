import type { RegionEvent } from '../../region/region-event.js';

/**
 * Receiver-side duplicate detection (BATCH-2, RECV-2), after Geode's EventTracker: the last
 * sequence applied per event stream. A stream is one originating (member, thread) as carried
 * by one sender lane, so two senders to the same site (SEND-1) stay independent, and, for a
 * forwarded event, by the lanes of its earlier hops: a forwarding site interleaves its
 * incoming lanes, so only per lane path do sequence numbers keep increasing.
 */
export class DedupTracker {
  readonly #lastSeq = new Map<string, number>();

  /**
   * True for an event not seen before (and remembers it); false for a duplicate. Events of a
   * partitioned region stream per bucket: a parallel sender sends each bucket from whichever
   * member is its primary, so one origin thread's events arrive in order only bucket by bucket
   * (Geode rewrites the thread id per bucket for the same reason).
   */
  admit(lane: string, event: Pick<RegionEvent, 'id' | 'bucket' | 'lanes'>): boolean {
    const { id, bucket, lanes } = event;
    const path = lanes === undefined || lanes.length === 0 ? '' : `@${lanes.join('.')}`;
    const stream = `${lane}|${id.member}/${id.thread}${path}${bucket === undefined ? '' : `/${bucket}`}`;
    const last = this.#lastSeq.get(stream);
    if (last !== undefined && id.seq <= last) return false;
    this.#lastSeq.set(stream, id.seq);
    return true;
  }

  clear(): void {
    this.#lastSeq.clear();
  }
}
