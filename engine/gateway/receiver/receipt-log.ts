import type { ApplyResult } from './event-applier.js';
import type { RegionEvent } from '../../region/region-event.js';

/**
 * One event a gateway receiver handed to its member, in arrival order, with what became of
 * it: applied, discarded by conflict resolution, or failed. Unlike the applied-event log it
 * also shows events that changed nothing, so a checker can see an older event arriving after
 * a newer one (a reorder the conflict rule would otherwise hide).
 */
export interface Receipt {
  /** Position in this member's receipt log, from 1. */
  seq: number;
  receivedAtMs: number;
  fromDsid: number;
  outcome: ApplyResult['kind'];
  event: RegionEvent;
}

/** A bounded log of receipts, read by `GET /v1/receipts?after=N`; like the applied-event log. */
export class ReceiptLog {
  readonly #limit: number;
  #entries: Receipt[] = [];
  #nextSeq = 1;
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  record(
    event: RegionEvent,
    fromDsid: number,
    outcome: ApplyResult['kind'],
    receivedAtMs: number,
  ): void {
    if (this.#limit === 0) return;
    this.#entries.push({ seq: this.#nextSeq++, receivedAtMs, fromDsid, outcome, event });
    if (this.#entries.length > this.#limit * 1.25) {
      const excess = this.#entries.length - this.#limit;
      this.#entries = this.#entries.slice(excess);
      this.#dropped += excess;
    }
  }

  read(after: number, limit: number): { receipts: Receipt[]; lastSeq: number; dropped: number } {
    const first = this.#entries[0]?.seq ?? this.#nextSeq;
    const start = Math.max(0, after + 1 - first);
    return {
      receipts: this.#entries.slice(start, start + limit),
      lastSeq: this.#nextSeq - 1,
      dropped: this.#dropped,
    };
  }
}
