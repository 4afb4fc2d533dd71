import type { AppliedSource, RegionEvent } from './region-event.js';

/** One event as applied on this member: the raw material of harness histories. */
export interface AppliedEvent {
  /** Position in this member's applied log, from 1. */
  seq: number;
  appliedAtMs: number;
  source: AppliedSource['kind'];
  fromDsid?: number;
  /** Set when this member applied a copy of a change another member of its site made. */
  viaMember?: string;
  event: RegionEvent;
}

/**
 * A bounded log of applied events, read by `GET /v1/events?after=N`. When full, the oldest
 * entries go and `dropped` says how many, so a reader knows its history has a gap.
 */
export class AppliedEventLog {
  readonly #limit: number;
  #entries: AppliedEvent[] = [];
  #nextSeq = 1;
  #dropped = 0;

  constructor(limit: number) {
    this.#limit = limit;
  }

  record(event: RegionEvent, source: AppliedSource, appliedAtMs: number): void {
    if (this.#limit === 0) return;
    this.#entries.push({
      seq: this.#nextSeq++,
      appliedAtMs,
      source: source.kind,
      ...(source.fromDsid !== undefined ? { fromDsid: source.fromDsid } : {}),
      ...(source.viaMember !== undefined ? { viaMember: source.viaMember } : {}),
      event,
    });
    if (this.#entries.length > this.#limit * 1.25) this.#trim();
  }

  read(after: number, limit: number): { events: AppliedEvent[]; lastSeq: number; dropped: number } {
    const first = this.#entries[0]?.seq ?? this.#nextSeq;
    const start = Math.max(0, after + 1 - first);
    return {
      events: this.#entries.slice(start, start + limit),
      lastSeq: this.#nextSeq - 1,
      dropped: this.#dropped,
    };
  }

  #trim(): void {
    const excess = this.#entries.length - this.#limit;
    this.#entries = this.#entries.slice(excess);
    this.#dropped += excess;
  }
}
