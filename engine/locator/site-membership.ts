import type { MemberRegistration, MembershipView, SiteMember } from './locator-protocol.js';

interface Tracked {
  registration: MemberRegistration;
  lastSeenMs: number;
}

export type RegisterOutcome = 'joined' | 'refreshed' | 'expelled';

/** Sessions the site ended are remembered so that a late heartbeat cannot revive them. */
const ENDED_SESSIONS_KEPT = 4096;

function sessionKey(uid: string, session: number): string {
  return `${uid}#${session}`;
}

/** Orders members the same way on every locator: by the session's own join stamp. */
function olderFirst(a: MemberRegistration, b: MemberRegistration): number {
  if (a.joinedAtMs !== b.joinedAtMs) return a.joinedAtMs - b.joinedAtMs;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return a.session - b.session;
}

function isNewer(a: MemberRegistration, b: MemberRegistration): boolean {
  if (a.incarnation !== b.incarnation) return a.incarnation > b.incarnation;
  return a.session > b.session;
}

/**
 * The members of this locator's site, oldest first. A member session silent for longer than
 * the timeout, or found dead when another member suspected it, is ended: the site forgets it,
 * and its next heartbeat is answered "expelled", so the member must rejoin as a new session,
 * which is the youngest (Geode expels a member that stopped answering in the same way).
 */
export class SiteMembership {
  readonly #dsid: number;
  readonly #members = new Map<string, Tracked>();
  readonly #ended = new Map<string, number>();
  #viewId = 0;

  constructor(dsid: number) {
    this.#dsid = dsid;
  }

  register(registration: MemberRegistration, nowMs: number): RegisterOutcome {
    if (this.#ended.has(sessionKey(registration.uid, registration.session))) return 'expelled';
    const current = this.#members.get(registration.name);
    if (
      current &&
      current.registration.uid === registration.uid &&
      current.registration.session === registration.session
    ) {
      current.lastSeenMs = nowMs;
      current.registration = registration;
      return 'refreshed';
    }
    if (current && !isNewer(registration, current.registration)) return 'expelled';
    if (current) this.#end(current.registration, nowMs);
    this.#members.set(registration.name, { registration, lastSeenMs: nowMs });
    this.#viewId++;
    return 'joined';
  }

  /** A member that says it is leaving; any session of that process. */
  leave(name: string, uid: string, nowMs: number): MemberRegistration | undefined {
    const current = this.#members.get(name);
    if (!current || current.registration.uid !== uid) return undefined;
    return this.#remove(current.registration, nowMs);
  }

  /** Ends one session (another member found it dead). */
  remove(
    name: string,
    uid: string,
    session: number,
    nowMs: number,
  ): MemberRegistration | undefined {
    const current = this.#members.get(name)?.registration;
    if (!current || current.uid !== uid || current.session !== session) return undefined;
    return this.#remove(current, nowMs);
  }

  find(name: string): MemberRegistration | undefined {
    return this.#members.get(name)?.registration;
  }

  /** Ends sessions not heard from since `nowMs - timeoutMs`; returns their registrations. */
  expire(nowMs: number, timeoutMs: number): MemberRegistration[] {
    const gone: MemberRegistration[] = [];
    for (const tracked of [...this.#members.values()]) {
      if (nowMs - tracked.lastSeenMs <= timeoutMs) continue;
      gone.push(this.#remove(tracked.registration, nowMs));
    }
    return gone;
  }

  registrations(): MemberRegistration[] {
    return [...this.#members.values()].map((t) => t.registration).sort(olderFirst);
  }

  view(): MembershipView {
    const members: SiteMember[] = this.registrations().map((r, joinOrder) => ({
      name: r.name,
      uid: r.uid,
      incarnation: r.incarnation,
      session: r.session,
      joinedAtMs: r.joinedAtMs,
      controlUrl: r.controlUrl,
      ...(r.peer ? { peer: r.peer } : {}),
      joinOrder,
    }));
    return { dsid: this.#dsid, viewId: this.#viewId, members };
  }

  #remove(registration: MemberRegistration, nowMs: number): MemberRegistration {
    this.#members.delete(registration.name);
    this.#end(registration, nowMs);
    this.#viewId++;
    return registration;
  }

  #end(registration: MemberRegistration, nowMs: number): void {
    this.#ended.set(sessionKey(registration.uid, registration.session), nowMs);
    if (this.#ended.size <= ENDED_SESSIONS_KEPT) return;
    const oldest = this.#ended.keys().next().value;
    if (oldest !== undefined) this.#ended.delete(oldest);
  }
}
