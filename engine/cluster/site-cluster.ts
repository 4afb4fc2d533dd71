import { EngineError } from '../errors.js';
import type { SiteMember } from '../locator/locator-protocol.js';
import type { Logger } from '../log.js';
import { emptyProfile, isProfile, type MemberProfile } from './member-profile.js';
import { memberKey, refOf, type MemberKey, type MemberRef } from './member-ref.js';
import type { MembershipAgent } from './membership-agent.js';
import type { OutgoingPeerBody, PeerBody, PeerTransport } from './peer-transport.js';

export type PeerRequestHandler = (body: PeerBody, from: MemberRef) => unknown;

/**
 * This member's view of its site: who is in it (from the locators, oldest first), what each
 * member hosts (profiles, from the peers themselves), and the messaging between them.
 *
 * In-flight fan-outs (an applied event on its way to the other copies) are tracked so that a
 * member announcing a new copy (a profile push) is answered only once every fan-out that
 * started without it has finished: after that answer, nothing can reach the other copies
 * without also reaching the new one (Geode's state flush).
 */
export class SiteCluster {
  readonly #agent: MembershipAgent;
  readonly #transport: PeerTransport;
  readonly #logger: Logger;
  readonly #profiles = new Map<MemberKey, MemberProfile>();
  readonly #departed = new Set<MemberKey>();
  /** Members some locator listed; the others are known only from their own hello. */
  readonly #confirmed = new Set<MemberKey>();
  readonly #handlers = new Map<string, PeerRequestHandler>();
  readonly #changeListeners: Array<() => void> = [];
  readonly #inflight = new Set<Promise<unknown>>();
  #members: SiteMember[] = [];
  #localProfile: MemberProfile = emptyProfile();
  #profileRevision = 0;
  #changeScheduled = false;
  #viewRevision = 0;

  constructor(agent: MembershipAgent, transport: PeerTransport, logger: Logger) {
    this.#agent = agent;
    this.#transport = transport;
    this.#logger = logger;
    transport.acceptWhen((from) => !this.#departed.has(memberKey(from)));
    transport.onHello((from, profile) => this.#learnProfile(from, profile));
    transport.onLost((peer) => this.#onLost(peer));
    transport.onRequest((body, from) => this.#dispatch(body, from));
    agent.onView((members) => this.#onView(members));
    this.handle('profile', (body, from) => this.#onProfilePush(body, from));
  }
  /** Inbound peer connections closed for a frame that was not the peer protocol. */
  get peerProtocolErrors(): number {
    return this.#transport.protocolErrors;
  }

  get self(): MemberRef {
    return this.#agent.self;
  }

  /**
   * Changes whenever the members or any profile (this member's included) may have changed:
   * what is derived from them per event can be kept while it stays the same (issue 19).
   */
  get viewRevision(): number {
    return this.#viewRevision;
  }

  get selfKey(): MemberKey {
    return memberKey(this.#agent.self);
  }

  /** False while this member may have been expelled without knowing it yet. */
  get active(): boolean {
    return this.#agent.active;
  }

  get localProfile(): MemberProfile {
    return this.#localProfile;
  }

  /** The site's members, oldest first (this member included). */
  members(): SiteMember[] {
    return this.#members;
  }

  isMember(key: MemberKey): boolean {
    return this.#members.some((m) => memberKey(m) === key);
  }

  member(key: MemberKey): SiteMember | undefined {
    return this.#members.find((m) => memberKey(m) === key);
  }

  profile(key: MemberKey): MemberProfile | undefined {
    return key === this.selfKey ? this.#localProfile : this.#profiles.get(key);
  }

  /** Members of the view, oldest first, whose known profile satisfies `accept`. */
  hosts(accept: (profile: MemberProfile) => boolean): SiteMember[] {
    return this.#members.filter((m) => {
      const profile = this.profile(memberKey(m));
      return profile !== undefined && accept(profile);
    });
  }

  handle(type: string, handler: PeerRequestHandler): void {
    this.#handlers.set(type, handler);
  }

  onChange(listener: () => void): void {
    this.#changeListeners.push(listener);
  }

  request<B extends OutgoingPeerBody>(
    to: MemberKey,
    body: B,
    timeoutMs?: number,
  ): Promise<unknown> {
    const target = this.member(to);
    if (!target) {
      return Promise.reject(
        new EngineError(
          'WAN_ERR_PEER_UNAVAILABLE',
          `member ${to} is not in this site's view`,
          'it left the site',
        ),
      );
    }
    return this.#transport.request(refWithPeer(target), body, timeoutMs);
  }

  send<B extends OutgoingPeerBody>(to: MemberKey, body: B): void {
    const target = this.member(to);
    if (target) this.#transport.send(refWithPeer(target), body);
  }

  /** Records an operation that other copies must see before a new copy's flush completes. */
  track<T>(operation: Promise<T>): Promise<T> {
    this.#inflight.add(operation);
    const done = (): void => void this.#inflight.delete(operation);
    operation.then(done, done);
    return operation;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.#inflight]);
  }

  /**
   * Tells every peer what this member now hosts, and waits until each has flushed what it
   * had in flight (see the class comment). Peers that die meanwhile are skipped.
   */
  async publishProfile(live: MemberProfile): Promise<void> {
    this.#profileRevision++;
    const profile = this.stampProfile(live);
    this.#localProfile = profile;
    this.#viewRevision++;
    this.#scheduleChange();
    const peers = this.#members.filter((m) => memberKey(m) !== this.selfKey);
    await Promise.allSettled(
      peers.map((peer) => this.request(memberKey(peer), { t: 'profile', profile })),
    );
  }

  /** This member's profile as it is now, under the revision of its last push. */
  stampProfile(live: MemberProfile): MemberProfile {
    return { ...live, revision: this.#profileRevision };
  }

  /** Forgets every peer: this member is rejoining as a new session. */
  reset(): void {
    this.#departed.add(this.selfKey);
    this.#profiles.clear();
    this.#confirmed.clear();
    this.#members = [];
    this.#viewRevision++;
    this.#transport.dropAll();
  }

  /**
   * A member leaves this member's view when a locator listed it before and no longer does.
   * One that said hello before any locator listed it (the views are not in step) is kept.
   */
  #onView(members: SiteMember[]): void {
    const next = new Set(members.map(memberKey));
    for (const old of this.#members) {
      const key = memberKey(old);
      if (next.has(key) || key === this.selfKey || !this.#confirmed.has(key)) continue;
      this.#depart(old);
    }
    const known = new Set(this.#members.map(memberKey));
    const provisional = this.#members.filter(
      (m) => !next.has(memberKey(m)) && !this.#departed.has(memberKey(m)),
    );
    for (const member of members) this.#confirmed.add(memberKey(member));
    this.#setMembers([...members.filter((m) => !this.#departed.has(memberKey(m))), ...provisional]);
    for (const member of this.#members) {
      const key = memberKey(member);
      if (key === this.selfKey || known.has(key)) continue;
      this.#logger.info({ peer: member.name, session: member.session }, 'member joined the view');
      // Dialling exchanges profiles (hello and welcome carry them).
      this.#transport.send(refWithPeer(member), { t: 'noop' });
    }
    this.#scheduleChange();
  }

  #depart(member: SiteMember): void {
    const key = memberKey(member);
    this.#departed.add(key);
    this.#profiles.delete(key);
    this.#transport.drop(member);
    this.#members = this.#members.filter((m) => memberKey(m) !== key);
    this.#viewRevision++;
    this.#logger.info({ peer: member.name, session: member.session }, 'member left the view');
    this.#scheduleChange();
  }

  #setMembers(members: SiteMember[]): void {
    const unique = new Map(members.map((m) => [memberKey(m), m]));
    this.#members = [...unique.values()].sort(olderFirst);
    this.#viewRevision++;
  }

  #learnProfile(from: MemberRef, profile: unknown): void {
    const key = memberKey(from);
    if (this.#departed.has(key) || !isProfile(profile)) return;
    // A welcome answered before the peer's last push can arrive after it (another connection).
    if ((profile.revision ?? 0) < (this.#profiles.get(key)?.revision ?? 0)) return;
    this.#profiles.set(key, profile);
    this.#viewRevision++;
    if (!this.isMember(key) && isSiteMember(from)) this.#setMembers([...this.#members, from]);
    this.#scheduleChange();
  }

  async #onProfilePush(body: PeerBody, from: MemberRef): Promise<object> {
    this.#learnProfile(from, body.profile);
    await this.flush();
    return {};
  }

  #onLost(peer: MemberRef): void {
    const key = memberKey(peer);
    if (!this.isMember(key) || key === this.selfKey) return;
    if (!this.#confirmed.has(key)) {
      // Known only from its hello: forget it until a locator lists it or it says hello again.
      this.#members = this.#members.filter((m) => memberKey(m) !== key);
      this.#profiles.delete(key);
      this.#viewRevision++;
      this.#scheduleChange();
      return;
    }
    this.#logger.info({ peer: peer.name, session: peer.session }, 'lost the connection to a peer');
    void this.#agent.suspect(peer);
  }

  #dispatch(body: PeerBody, from: MemberRef): unknown {
    if (body.t === 'noop') return undefined;
    const handler = this.#handlers.get(body.t);
    if (!handler) {
      throw new EngineError(
        'WAN_ERR_PROTOCOL',
        `unknown peer request "${body.t}"`,
        'upgrade the member',
      );
    }
    return handler(body, from);
  }

  #scheduleChange(): void {
    if (this.#changeScheduled) return;
    this.#changeScheduled = true;
    setImmediate(() => {
      this.#changeScheduled = false;
      for (const listener of this.#changeListeners) listener();
    });
  }
}

function olderFirst(a: SiteMember, b: SiteMember): number {
  if (a.joinedAtMs !== b.joinedAtMs) return a.joinedAtMs - b.joinedAtMs;
  if (a.uid !== b.uid) return a.uid < b.uid ? -1 : 1;
  return a.session - b.session;
}

function isSiteMember(value: MemberRef): value is SiteMember {
  const candidate = value as Partial<SiteMember>;
  return typeof candidate.joinedAtMs === 'number' && typeof candidate.controlUrl === 'string';
}

function refWithPeer(member: SiteMember): MemberRef & { peer?: string } {
  return { ...refOf(member), ...(member.peer ? { peer: member.peer } : {}) };
}
