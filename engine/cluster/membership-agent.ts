import type { Clock } from '../clock.js';
import { EngineError, errorMessage } from '../errors.js';
import type {
  MemberRegistration,
  MembershipView,
  RegisterReply,
  SiteMember,
} from '../locator/locator-protocol.js';
import type { Logger } from '../log.js';
import { memberKey, type MemberRef } from './member-ref.js';

/** What the agent needs of the site's locators (engine/member/locator-client.ts). */
export interface MembershipService {
  register(member: MemberRegistration): Promise<RegisterReply | undefined>;
  deregister(name: string, uid: string): Promise<void>;
  suspect(member: MemberRef, reporter: string): Promise<MembershipView | undefined>;
}

export interface AgentOptions {
  name: string;
  uid: string;
  incarnation: number;
  dsid: number;
  heartbeatIntervalMs: number;
  clock: Clock;
  logger: Logger;
  /** The registration fields that change over the member's life (receiver, peer, ...). */
  details: () => Omit<
    MemberRegistration,
    'name' | 'uid' | 'incarnation' | 'session' | 'joinedAtMs' | 'dsid'
  >;
}

export type ViewListener = (members: SiteMember[]) => void;

/** How often the agent looks for its own process having been stopped (SIGSTOP). */
const STALL_CHECK_MS = 100;

/**
 * A member's membership in its site: joins through the locators, heartbeats, follows the
 * site's view, reports peers that went silent, and notices when the site expelled it (it was
 * frozen past the member timeout), in which case it rejoins as a new, youngest session.
 *
 * A member that finds it was stalled for a good part of the member timeout stops acting on
 * its old view (`active` is false) until a locator confirms its session again.
 */
export class MembershipAgent {
  readonly #options: AgentOptions;
  readonly #service: MembershipService;
  #session = 0;
  #joinedAtMs = 0;
  #members: SiteMember[] = [];
  #memberTimeoutMs = Infinity;
  #heartbeat: NodeJS.Timeout | undefined;
  #stallCheck: NodeJS.Timeout | undefined;
  #lastTickMs = 0;
  #stalled = false;
  #registering: Promise<void> | undefined;
  #viewListeners: ViewListener[] = [];
  #expelledListeners: Array<() => void> = [];
  #stopped = false;
  #joined = false;

  constructor(service: MembershipService, options: AgentOptions) {
    this.#service = service;
    this.#options = options;
  }

  get self(): MemberRef {
    return { name: this.#options.name, uid: this.#options.uid, session: this.#session };
  }

  get session(): number {
    return this.#session;
  }

  /** The site's members, oldest first, as last confirmed by a locator. */
  get members(): SiteMember[] {
    return this.#members;
  }

  /** False between a detected stall and the next confirmation by a locator. */
  get active(): boolean {
    return !this.#stalled;
  }

  onView(listener: ViewListener): void {
    this.#viewListeners.push(listener);
  }

  onExpelled(listener: () => void): void {
    this.#expelledListeners.push(listener);
  }

  /**
   * Joins the site as a new session. Throws WAN_ERR_MEMBER_REFUSED when the site will not take
   * this member; with no locator reachable, starts with a view of itself and keeps trying.
   */
  async join(): Promise<void> {
    if (this.#joined) this.#session++;
    this.#joined = true;
    this.#joinedAtMs = realWallMs(this.#options.clock);
    this.#members = [this.#selfMember()];
    // A heartbeat in flight (the one that said "expelled") answers for the old session.
    await this.#registering?.catch(() => undefined);
    await this.refresh();
    for (const listener of this.#viewListeners) listener(this.#members);
    this.#startTimers();
  }

  /** Registers now (the heartbeat); resolves once the answer is applied. */
  refresh(): Promise<void> {
    this.#registering ??= this.#register().finally(() => (this.#registering = undefined));
    return this.#registering;
  }

  /** Reports a peer whose connection broke; the locators check it and may remove it. */
  async suspect(member: MemberRef): Promise<void> {
    if (this.#stopped) return;
    const view = await this.#service.suspect(member, this.#options.name).catch(() => undefined);
    if (view) this.#applyView(view.members);
  }

  async leave(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#heartbeat);
    clearInterval(this.#stallCheck);
    await this.#service.deregister(this.#options.name, this.#options.uid);
  }

  #startTimers(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => void this.#beat(), this.#options.heartbeatIntervalMs);
    this.#heartbeat.unref();
    this.#lastTickMs = this.#options.clock.monotonicMs();
    this.#stallCheck = setInterval(() => this.#checkStall(), STALL_CHECK_MS);
    this.#stallCheck.unref();
  }

  async #beat(): Promise<void> {
    try {
      await this.refresh();
    } catch (error) {
      this.#options.logger.error({ err: errorMessage(error) }, 'the site refused this member');
    }
  }

  #checkStall(): void {
    const nowMs = this.#options.clock.monotonicMs();
    const gapMs = nowMs - this.#lastTickMs;
    this.#lastTickMs = nowMs;
    if (gapMs < this.#memberTimeoutMs / 2 || this.#stalled) return;
    this.#stalled = true;
    this.#options.logger.warn(
      { gapMs },
      'this member was stalled; waiting for the site to confirm',
    );
    void this.#beat();
  }

  async #register(): Promise<void> {
    if (this.#stopped) return;
    const reply = await this.#service.register(this.#registration()).catch((error: unknown) => {
      this.#options.logger.debug({ err: errorMessage(error) }, 'heartbeat failed');
      return undefined;
    });
    if (!reply || this.#stopped) return;
    if (reply.outcome === 'refused') {
      throw new EngineError('WAN_ERR_MEMBER_REFUSED', reply.message, reply.hint);
    }
    if (reply.outcome === 'expelled') {
      this.#options.logger.warn({ reason: reply.reason }, 'the site expelled this member');
      for (const listener of this.#expelledListeners) listener();
      return;
    }
    this.#memberTimeoutMs = reply.memberTimeoutMs;
    this.#stalled = false;
    this.#applyView(reply.view.members);
  }

  #applyView(members: SiteMember[]): void {
    const self = memberKey(this.self);
    const withSelf = members.some((m) => memberKey(m) === self)
      ? members
      : [...members, this.#selfMember()];
    const before = this.#members.map(memberKey).join(',');
    this.#members = withSelf;
    if (withSelf.map(memberKey).join(',') === before) return;
    for (const listener of this.#viewListeners) listener(withSelf);
  }

  #registration(): MemberRegistration {
    return {
      ...this.#options.details(),
      name: this.#options.name,
      uid: this.#options.uid,
      incarnation: this.#options.incarnation,
      session: this.#session,
      joinedAtMs: this.#joinedAtMs,
      dsid: this.#options.dsid,
    };
  }

  /** This session as the site lists it. */
  selfMember(): SiteMember {
    return this.#selfMember();
  }

  #selfMember(): SiteMember {
    const details = this.#options.details();
    return {
      name: this.#options.name,
      uid: this.#options.uid,
      incarnation: this.#options.incarnation,
      session: this.#session,
      joinedAtMs: this.#joinedAtMs,
      controlUrl: details.controlUrl,
      ...(details.peer ? { peer: details.peer } : {}),
      joinOrder: this.#members.length,
    };
  }
}

/** Wall-clock ms without the clock offset a test may have set: join order must not skew. */
export function realWallMs(clock: Clock): number {
  return clock.now() - clock.offsetMs;
}
