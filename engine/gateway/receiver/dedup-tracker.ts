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
  admit(lane: string, event: TrackedEvent): boolean {
    const { id } = event;
    const stream = streamOf(lane, event);
    const last = this.#lastSeq.get(stream);
    if (last !== undefined && id.seq <= last) return false;
    this.#lastSeq.set(stream, id.seq);
    return true;
  }

  /**
   * An event that failed was not applied: a resend of it must be admitted (a sender with
   * removeFromQueueOnException false sends it again). The stream goes back to just before it;
   * later events of the stream that come again are applied again, flagged possibleDuplicate.
   */
  forget(lane: string, event: TrackedEvent): void {
    const stream = streamOf(lane, event);
    const last = this.#lastSeq.get(stream);
    if (last !== undefined && last >= event.id.seq) this.#lastSeq.set(stream, event.id.seq - 1);
  }

  clear(): void {
    this.#lastSeq.clear();
  }
}

type TrackedEvent = Pick<RegionEvent, 'id' | 'bucket' | 'lanes'>;

function streamOf(lane: string, event: TrackedEvent): string {
  const { id, bucket, lanes } = event;
  const path = lanes === undefined || lanes.length === 0 ? '' : `@${lanes.join('.')}`;
  return `${lane}|${id.member}/${id.thread}${path}${bucket === undefined ? '' : `/${bucket}`}`;
}
