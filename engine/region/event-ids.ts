import type { EventId } from './region-event.js';

/**
 * Sequences per (member incarnation, thread). The incarnation is part of the member id, so
 * a restarted member never reuses a sequence a receiver already saw.
 */
export class EventIdGenerator {
  readonly memberUid: string;
  readonly #nextSeq = new Map<number, number>();

  constructor(memberUid: string) {
    this.memberUid = memberUid;
  }

  next(thread: number): EventId {
    const seq = this.#nextSeq.get(thread) ?? 0;
    this.#nextSeq.set(thread, seq + 1);
    return { member: this.memberUid, thread, seq };
  }
}
