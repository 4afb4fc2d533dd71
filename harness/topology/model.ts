import type {
  EngineTimings,
  PlannedLink,
  PlannedMember,
  PlannedReceiver,
  PlannedSite,
} from '../../contract/index.js';

/**
 * A topology after validation, with every default filled in. Its sites are the contract's
 * engine-neutral site plan (contract/site-plan.ts); ports are not here: the engine driver
 * decides them when a deployment starts (harness/engines/).
 */
export interface Topology {
  name: string;
  /** The file it was loaded from, for messages. */
  source: string;
  runtime: 'process' | 'container';
  /** The engine the file names (`engine: geode` or `engine: {name: geode}`); absent: default. */
  engineName?: string;
  engine: EngineTuning;
  sites: SiteModel[];
  /**
   * Whether every link authenticates (issue 17). Sites whose topology gives no secret have
   * none here: the deployment generates one (sitePlanOf).
   */
  authentication: boolean;
  /**
   * Whether every link uses TLS (issue 17). Sites whose topology names no files have no `tls`
   * here: the deployment generates them (harness/deployment/tls-files.ts).
   */
  tls: boolean;
  /** Every ordered pair of sites: one Toxiproxy link per direction. */
  links: LinkModel[];
  /**
   * What the file may mean but most likely does not (topology-warnings.ts), each as
   * "file:line:column field: message\n    hint: ...". `wanlab up` and `wanlab check` print them.
   */
  warnings?: string[];
}

export type EngineTuning = EngineTimings;
export type SiteModel = PlannedSite;
export type MemberModel = PlannedMember;
export type ReceiverModel = PlannedReceiver;
export type LinkModel = PlannedLink;

export function siteByName(topology: Topology, name: string): SiteModel | undefined {
  return topology.sites.find((site) => site.name === name);
}

export function allMembers(topology: Topology): MemberModel[] {
  return topology.sites.flatMap((site) => site.members);
}

/** Harness defaults for engine timings: faster than Geode's, so faults heal within a scenario. */
export const ENGINE_TUNING_DEFAULTS: EngineTuning = {
  logLevel: 'info',
  locatorExchangeIntervalMs: 1000,
  memberHeartbeatIntervalMs: 500,
  memberTimeoutMs: 3000,
};
