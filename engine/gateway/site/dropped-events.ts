import type { EventId, RegionEvent } from '../../region/region-event.js';

/** One event a stopped parallel sender dropped (STOP-4): it will never reach the remote site. */
export interface DroppedEvent {
  region: string;
  key: string;
  bucket?: number;
  eventId: EventId;
  atMs: number;
}

/**
 * The events a sender dropped because it was stopped while its member stayed primary of their
 * bucket, newest last and bounded; `total` counts every drop, so a reader knows whether the
 * list is complete.
 */
export class DroppedEvents {
  readonly #limit: number;
  #events: DroppedEvent[] = [];
  #total = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get total(): number {
    return this.#total;
  }

  record(event: RegionEvent, atMs: number): void {
    this.#total++;
    this.#events.push({
      region: event.region,
      key: event.key,
      ...(event.bucket !== undefined ? { bucket: event.bucket } : {}),
      eventId: event.id,
      atMs,
    });
    if (this.#events.length > this.#limit) this.#events.shift();
  }

  list(): { total: number; events: DroppedEvent[] } {
    return { total: this.#total, events: [...this.#events] };
  }
}
