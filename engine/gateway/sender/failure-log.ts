import type { EventId } from '../../region/region-event.js';

/** An event a receiver reported as failed (BATCH-3, RECV-2), as the sender saw the ack. */
export interface FailureRecord {
  /** Wall-clock ms at which the ack arrived. */
  atMs: number;
  dispatcher: number;
  region: string;
  key: string;
  eventId: EventId;
  code: string;
  message: string;
  /** The last event of the batch the receiver applied before answering, if any. */
  lastApplied?: { region: string; key: string; eventId: EventId };
}

/** The most recent failures, bounded: the counters keep the totals. */
export class FailureLog {
  readonly #limit: number;
  #records: FailureRecord[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  add(record: FailureRecord): void {
    this.#records.push(record);
    if (this.#records.length > this.#limit) this.#records.shift();
  }

  recent(): FailureRecord[] {
    return [...this.#records];
  }
}
