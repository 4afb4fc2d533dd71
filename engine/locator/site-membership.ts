import type { MemberRegistration, MembershipView, SiteMember } from './locator-protocol.js';

interface Tracked {
  member: SiteMember;
  registration: MemberRegistration;
  lastSeenMs: number;
}

/**
 * The members of this locator's site in join order; a member silent for longer than the
 * timeout leaves, and one that comes back (a new incarnation) joins at the end.
 */
export class SiteMembership {
  readonly #dsid: number;
  readonly #members = new Map<string, Tracked>();
  #nextJoinOrder = 0;
  #viewId = 0;

  constructor(dsid: number) {
    this.#dsid = dsid;
  }

  /** Returns true when the view changed (a join, or a new incarnation). */
  register(registration: MemberRegistration, nowMs: number): boolean {
    const current = this.#members.get(registration.name);
    if (current && current.member.uid === registration.uid) {
      current.lastSeenMs = nowMs;
      current.registration = registration;
      return false;
    }
    const member: SiteMember = {
      name: registration.name,
      uid: registration.uid,
      incarnation: registration.incarnation,
      controlUrl: registration.controlUrl,
      joinOrder: this.#nextJoinOrder++,
    };
    this.#members.set(registration.name, { member, registration, lastSeenMs: nowMs });
    this.#viewId++;
    return true;
  }

  leave(name: string, uid: string): MemberRegistration | undefined {
    const current = this.#members.get(name);
    if (!current || current.member.uid !== uid) return undefined;
    this.#members.delete(name);
    this.#viewId++;
    return current.registration;
  }

  /** Removes members not heard from since `nowMs - timeoutMs`; returns their registrations. */
  expire(nowMs: number, timeoutMs: number): MemberRegistration[] {
    const gone: MemberRegistration[] = [];
    for (const [name, tracked] of this.#members) {
      if (nowMs - tracked.lastSeenMs <= timeoutMs) continue;
      this.#members.delete(name);
      gone.push(tracked.registration);
    }
    if (gone.length > 0) this.#viewId++;
    return gone;
  }

  view(): MembershipView {
    const members = [...this.#members.values()]
      .map((t) => t.member)
      .sort((a, b) => a.joinOrder - b.joinOrder);
    return { dsid: this.#dsid, viewId: this.#viewId, members };
  }
}
