import type { RegionConfig, SenderConfig } from '../../contract/index.js';

/** A topology after validation, with every default filled in. Ports are not here: they are
 * allocated when a deployment starts (harness/deployment/). */
export interface Topology {
  name: string;
  /** The file it was loaded from, for messages. */
  source: string;
  runtime: 'process' | 'container';
  engine: EngineTuning;
  sites: SiteModel[];
  /** Every ordered pair of sites: one Toxiproxy link per direction. */
  links: LinkModel[];
}

export interface EngineTuning {
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  locatorExchangeIntervalMs: number;
  memberHeartbeatIntervalMs: number;
  memberTimeoutMs: number;
}

export interface SiteModel {
  name: string;
  id: number;
  locators: string[];
  members: MemberModel[];
  /** Site ids this site's locators contact (DISC-2). */
  remoteSiteIds: number[];
  regions: RegionConfig[];
  senders: SenderConfig[];
  receiver: ReceiverModel;
  clockOffsetMs: number;
  announceLocatorShutdown: boolean;
}

export interface MemberModel {
  name: string;
  siteName: string;
  hasReceiver: boolean;
  senderIds: string[];
  /** The member's definition of each sender it hosts: the site's, plus its own attributes. */
  senders: SenderConfig[];
}

export interface ReceiverModel {
  /** Absent: one free port per member, chosen at start. */
  portRange?: { start: number; end: number };
  manualStart: boolean;
  maximumTimeBetweenPingsMs: number;
  onEventFailure: 'stop' | 'continue';
}

export interface LinkModel {
  /** "site1->site2" */
  name: string;
  fromSite: string;
  toSite: string;
  fromId: number;
  toId: number;
}

export function siteByName(topology: Topology, name: string): SiteModel | undefined {
  return topology.sites.find((site) => site.name === name);
}

export function allMembers(topology: Topology): MemberModel[] {
  return topology.sites.flatMap((site) => site.members);
}
