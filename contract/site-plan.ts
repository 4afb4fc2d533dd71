import type { RegionConfig } from './region-definition.js';
import type { SenderConfig } from './sender-attributes.js';

/**
 * The engine-neutral plan of a deployment, what the harness hands an engine driver: which
 * sites there are (with their distributed-system-ids), their locators, members, regions,
 * senders and receivers, and the links between them. An engine driver turns it into its
 * engine's processes and files, and decides every address (DeploymentLayout below). Every
 * default is filled in; nothing here is specific to one engine.
 */
export interface SitePlan {
  /** The topology's name. */
  name: string;
  timings: EngineTimings;
  sites: PlannedSite[];
  /** Every ordered pair of sites: one link (a set of proxies) per direction. */
  links: PlannedLink[];
}

/** Harness timings, faster than an engine's defaults so that faults heal inside a scenario. */
export interface EngineTimings {
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** How often locators exchange what they know with other sites' locators. */
  locatorExchangeIntervalMs: number;
  /** How often a member tells its locators it is alive. */
  memberHeartbeatIntervalMs: number;
  /** A member silent this long leaves its site's view. */
  memberTimeoutMs: number;
}

export interface PlannedSite {
  name: string;
  /** The distributed-system-id (DISC-1). */
  id: number;
  /** Locator names. */
  locators: string[];
  members: PlannedMember[];
  /** Site ids this site's locators contact (DISC-2). */
  remoteSiteIds: number[];
  regions: RegionConfig[];
  /** The site's senders, every attribute filled in. */
  senders: SenderConfig[];
  receiver: PlannedReceiver;
  /** Skews the clock of every member of the site (CONS-5). */
  clockOffsetMs: number;
  /** DISC-6: a stopping locator tells connected sites (seeds); false: it does not (Geode). */
  announceLocatorShutdown: boolean;
}

export interface PlannedMember {
  name: string;
  siteName: string;
  /** Whether the member hosts a gateway receiver. */
  hasReceiver: boolean;
  senderIds: string[];
  /** The member's definition of each sender it hosts: the site's, plus its own attributes. */
  senders: SenderConfig[];
}

export interface PlannedReceiver {
  /** Absent: the driver picks one free port per member. */
  portRange?: { start: number; end: number };
  manualStart: boolean;
  maximumTimeBetweenPingsMs: number;
  /** After a failed event: `stop` the batch there (seed 003) or `continue` (Geode). */
  onEventFailure: 'stop' | 'continue';
}

export interface PlannedLink {
  /** "site1->site2": traffic that site1 initiates towards site2. */
  name: string;
  fromSite: string;
  toSite: string;
  fromId: number;
  toId: number;
}

export interface Address {
  host: string;
  port: number;
}

export function addressText(address: Address): string {
  return `${address.host}:${address.port}`;
}

/**
 * Where everything of a deployment listens, as its engine driver decided: each process's
 * ports, and where each link's proxy listens. The harness creates the proxies there and
 * reaches every control API through it.
 */
export interface DeploymentLayout {
  locators: LocatorLayout[];
  members: MemberLayout[];
  proxies: ProxyRoute[];
}

export interface LocatorLayout {
  name: string;
  siteName: string;
  siteId: number;
  /** Where the site's members and other locators reach it. */
  locator: Address;
  control: Address;
}

export interface MemberLayout {
  name: string;
  siteName: string;
  siteId: number;
  control: Address;
  /** The receiver's port range, when the member hosts a receiver. */
  receiver?: { host: string; startPort: number; endPort: number };
}

/**
 * One proxy of a link: traffic from one site to one locator or receiver of another
 * (`site1-to-site2.receiver.m2`). Cutting a link disables all its proxies.
 */
export interface ProxyRoute {
  name: string;
  /** "site1->site2" */
  link: string;
  kind: 'locator' | 'receiver';
  /** The locator or member it leads to. */
  target: string;
  fromSiteId: number;
  toSiteId: number;
  /** Where the proxy listens: what the engine of the first site is told to dial. */
  listen: Address;
  /** Where it forwards to, when known before anything starts. */
  upstream?: Address;
}

/** The proxy name of one endpoint of a link; names go into Toxiproxy URLs (no slashes). */
export function proxyName(link: string, kind: ProxyRoute['kind'], target: string): string {
  return `${link.replace('->', '-to-')}.${kind}.${target}`;
}
