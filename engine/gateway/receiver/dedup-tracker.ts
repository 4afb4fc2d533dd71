import type { RegionEvent } from '../../region/region-event.js';

/**
 * Bounds of the duplicate-detection state (issue 17): a sender that stops sending, or a
 * client inventing a new stream per event, must not grow a receiver without end. A stream
 * unseen for DEDUP_STREAM_IDLE_MS is forgotten, and beyond DEDUP_STREAMS_MAX streams the one
 * seen longest ago is. A forgotten stream's resent event is applied again, and the conflict
 * rule discards it as no newer than the entry (CONS-4); Geode's EventTracker expires its
 * entries the same way (messageTrackingTimeout).
 */
export const DEDUP_STREAMS_MAX = 100_000;
export const DEDUP_STREAM_IDLE_MS = 10 * 60 * 1000;

export interface DedupLimits {
  streamsMax: number;
  streamIdleMs: number;
  /** Monotonic milliseconds. */
  nowMs: () => number;
}

interface StreamState {
  seq: number;
  seenMs: number;
}

/**
 * Receiver-side duplicate detection (BATCH-2, RECV-2), after Geode's EventTracker: the last
 * sequence applied per event stream. A stream is one originating (member, thread) as carried
 * by one sender lane, so two senders to the same site (SEND-1) stay independent, and, for a
 * forwarded event, by the lanes of its earlier hops: a forwarding site interleaves its
 * incoming lanes, so only per lane path do sequence numbers keep increasing.
 */
export class DedupTracker {
  /** In order of last use: the first entry is the stream seen longest ago. */
  readonly #streams = new Map<string, StreamState>();
  readonly #limits: DedupLimits;
  #evicted = 0;

  constructor(limits: Partial<DedupLimits> = {}) {
    this.#limits = {
      streamsMax: limits.streamsMax ?? DEDUP_STREAMS_MAX,
      streamIdleMs: limits.streamIdleMs ?? DEDUP_STREAM_IDLE_MS,
      nowMs: limits.nowMs ?? (() => performance.now()),
    };
  }

  get streams(): number {
    return this.#streams.size;
  }

  /** Streams forgotten for age or for room since the tracker was created. */
  get evicted(): number {
    return this.#evicted;
  }

  /**
   * True for an event not seen before (and remembers it); false for a duplicate. Events of a
   * partitioned region stream per bucket: a parallel sender sends each bucket from whichever
   * member is its primary, so one origin thread's events arrive in order only bucket by bucket
   * (Geode rewrites the thread id per bucket for the same reason).
   */
  admit(lane: string, event: TrackedEvent): boolean {
    const { id } = event;
    const stream = streamOf(lane, event);
    const nowMs = this.#limits.nowMs();
    this.#expire(nowMs);
    const last = this.#streams.get(stream);
    if (last !== undefined) this.#streams.delete(stream);
    const duplicate = last !== undefined && id.seq <= last.seq;
    this.#streams.set(stream, { seq: duplicate ? last.seq : id.seq, seenMs: nowMs });
    if (this.#streams.size > this.#limits.streamsMax) this.#evictOldest();
    return !duplicate;
  }

  /**
   * An event that failed was not applied: a resend of it must be admitted (a sender with
   * removeFromQueueOnException false sends it again). The stream goes back to just before it;
   * later events of the stream that come again are applied again, flagged possibleDuplicate.
   */
  forget(lane: string, event: TrackedEvent): void {
    const stream = streamOf(lane, event);
    const last = this.#streams.get(stream);
    if (last !== undefined && last.seq >= event.id.seq) last.seq = event.id.seq - 1;
  }

  clear(): void {
    this.#streams.clear();
  }

  #expire(nowMs: number): void {
    for (const [stream, state] of this.#streams) {
      if (nowMs - state.seenMs < this.#limits.streamIdleMs) return;
      this.#streams.delete(stream);
      this.#evicted++;
    }
  }

  #evictOldest(): void {
    const oldest = this.#streams.keys().next();
    if (oldest.done) return;
    this.#streams.delete(oldest.value);
    this.#evicted++;
  }
}

type TrackedEvent = Pick<RegionEvent, 'id' | 'bucket' | 'lanes'>;

function streamOf(lane: string, event: TrackedEvent): string {
  const { id, bucket, lanes } = event;
  const path = lanes === undefined || lanes.length === 0 ? '' : `@${lanes.join('.')}`;
  return `${lane}|${id.member}/${id.thread}${path}${bucket === undefined ? '' : `/${bucket}`}`;
}
