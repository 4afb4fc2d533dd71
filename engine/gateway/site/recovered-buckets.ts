import type { MemberKey } from '../../region/bucket/bucket-table.js';
import type { BucketRef } from '../../region/bucket/event-sink.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { EventCopies } from './event-copies.js';

/** A member that holds recovered events of a bucket it does not hold offers them to its primary. */
export interface OfferReply {
  /** False: the member asked is not the bucket's primary (yet); offer again later. */
  accepted: boolean;
  /** Ids of offered events the primary had already acknowledged. */
  acknowledged: string[];
}

export interface RecoveredBucketsDeps {
  /** The bucket's primary, when it is another member. */
  primary: (at: BucketRef) => MemberKey | undefined;
  offer: (primary: MemberKey, at: BucketRef, events: RegionEvent[]) => Promise<OfferReply>;
  /** Offers not taken are made again this often. */
  retryMs: number;
}

interface Held {
  at: BucketRef;
  events: EventCopies;
}

/**
 * QUEUE-3 on a parallel sender: what an earlier process of this member queued, by bucket, while
 * the member does not hold the bucket. It becomes the bucket's queue when the member holds the
 * bucket again; until then it is offered to the bucket's primary (which queues what it has not
 * acknowledged) and only dropped here once the primary took it.
 */
export class RecoveredBuckets {
  readonly #held = new Map<string, Held>();
  readonly #deps: RecoveredBucketsDeps;
  #offering = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(deps: RecoveredBucketsDeps) {
    this.#deps = deps;
  }

  get size(): number {
    return this.#held.size;
  }

  add(key: string, at: BucketRef, events: EventCopies): void {
    this.#held.set(key, { at, events });
  }

  eventsOf(key: string): EventCopies | undefined {
    return this.#held.get(key)?.events;
  }

  /** The bucket's recovered events, no longer offered: the member holds the bucket now. */
  take(key: string): EventCopies | undefined {
    const held = this.#held.get(key);
    this.#held.delete(key);
    return held?.events;
  }

  all(): EventCopies[] {
    return [...this.#held.values()].map((held) => held.events);
  }

  /** Offers what is held after `delayMs`, unless an offer round is already due. */
  schedule(delayMs: number): void {
    if (this.#held.size === 0 || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#offerAll();
    }, delayMs);
    this.#timer.unref();
  }

  close(): void {
    clearTimeout(this.#timer);
  }

  async #offerAll(): Promise<void> {
    if (this.#offering) return;
    this.#offering = true;
    try {
      for (const [key, held] of [...this.#held]) {
        const primary = this.#deps.primary(held.at);
        if (primary === undefined) continue;
        const reply = await this.#deps.offer(primary, held.at, held.events.all());
        // The member may have come to hold the bucket meanwhile: the events are its queue.
        if (!reply.accepted || this.#held.get(key) !== held) continue;
        this.#held.delete(key);
        held.events.discard();
      }
    } finally {
      this.#offering = false;
    }
    this.schedule(this.#deps.retryMs);
  }
}
