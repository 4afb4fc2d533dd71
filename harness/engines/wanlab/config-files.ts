import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  addressText,
  credentialKey,
  type Advertise,
  type DeploymentLayout,
  type EngineTimings,
  type PlannedMember,
  type PlannedSite,
  type PlannedTls,
  type ProxyRoute,
  type RegionConfig,
  type SenderConfig,
  type SitePlan,
  type TransportSettings,
} from '../../../contract/index.js';
import { deriveSeed } from '../../util/seed.js';
import { HOST } from './layout.js';

/**
 * The configuration files of wanlab's engine processes (engine/config/*-config.ts are their
 * schemas; the engine validates every file when it starts). Only this driver writes them.
 */
export interface WanlabLocatorFile {
  name: string;
  site: { name: string; distributedSystemId: number };
  bind: { host: string; port: number };
  control: { host: string; port: number; token: string };
  peerLocators: string[];
  remoteLocators: string[];
  advertise: Advertise;
  dataDir: string;
  log: { file: string; level: EngineTimings['logLevel'] };
  exchangeIntervalMs: number;
  requestTimeoutMs: number;
  memberTimeoutMs: number;
  announceShutdown: boolean;
  security?: WanlabSecurity;
  tls?: PlannedTls;
}

/** engine/config/security-schema.ts: a process's site secret and the keys it accepts. */
export interface WanlabSecurity {
  siteSecret: string;
  gatewayFrom: Record<string, string>;
  locatorsFrom: Record<string, string>;
}

export interface WanlabMemberFile {
  name: string;
  site: { name: string; distributedSystemId: number };
  locators: string[];
  control: { host: string; port: number; token: string };
  dataDir: string;
  log: { file: string; level: EngineTimings['logLevel'] };
  clockOffsetMs: number;
  randomSeed: number;
  heartbeatIntervalMs: number;
  locatorRequestTimeoutMs: number;
  appliedEventLogLimit: number;
  regions: RegionConfig[];
  senders: SenderConfig[];
  peer: { bindAddress: string; port: number; connectTimeoutMs: number };
  receiver?: {
    bindAddress: string;
    startPort: number;
    endPort: number;
    manualStart: boolean;
    maximumTimeBetweenPingsMs: number;
    maxFrameBytes: number;
    onEventFailure: 'stop' | 'continue';
    transport?: TransportSettings;
    advertise: Advertise;
  };
  security?: WanlabSecurity;
  tls?: PlannedTls;
}

/**
 * What a process of `site` holds when the deployment authenticates (issue 17): its own site's
 * secret, and for its receiver or locator the keys derived from the secrets of the sites it
 * takes handshakes from (never those secrets themselves).
 */
function securityOf(
  plan: SitePlan,
  site: PlannedSite,
  role: 'member' | 'locator',
): { security: WanlabSecurity } | Record<string, never> {
  if (site.secret === undefined) return {};
  const others = plan.sites.filter((other) => other !== site && other.secret !== undefined);
  const keys = (from: PlannedSite[], purpose: 'gateway' | 'locator'): Record<string, string> =>
    Object.fromEntries(
      from.map((other) => [
        String(other.id),
        credentialKey(other.secret!, purpose, other.id, site.id),
      ]),
    );
  const sendingHere = others.filter((other) =>
    other.senders.some((s) => s.remoteDistributedSystemId === site.id),
  );
  return {
    security: {
      siteSecret: site.secret,
      gatewayFrom: role === 'member' ? keys(sendingHere, 'gateway') : {},
      locatorsFrom: role === 'locator' ? keys(others, 'locator') : {},
    },
  };
}

const REQUEST_TIMEOUT_MS = 2000;
const APPLIED_EVENT_LOG_LIMIT = 200000;
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export interface ProcessFiles {
  /** The process's own folder names: config, logs, data. */
  configPath: string;
  logFile: string;
  consoleFile: string;
  dataDir: string;
}

export function processFiles(runDir: string, name: string): ProcessFiles {
  return {
    configPath: join(runDir, 'config', `${name}.json`),
    logFile: join(runDir, 'logs', `${name}.log`),
    consoleFile: join(runDir, 'logs', `${name}.console.log`),
    dataDir: join(runDir, 'data', name),
  };
}

/** The proxy of `kind`/`target` on the link from `from` to `to`, as site `from` dials it. */
function proxyAddress(
  layout: DeploymentLayout,
  from: PlannedSite,
  to: PlannedSite,
  kind: ProxyRoute['kind'],
  target: string,
): string {
  const proxy = layout.proxies.find(
    (p) => p.link === `${from.name}->${to.name}` && p.kind === kind && p.target === target,
  )!;
  return addressText(proxy.listen);
}

/**
 * What a locator or receiver tells each other site to dial: that site's proxy towards it
 * (keyed by the asking site, since each site has its own proxies; Geode's
 * `hostname-for-senders` with one entry per site).
 */
function advertiseTo(
  plan: SitePlan,
  layout: DeploymentLayout,
  site: PlannedSite,
  kind: ProxyRoute['kind'],
  target: string,
): Advertise {
  return {
    bySite: Object.fromEntries(
      plan.sites
        .filter((other) => other !== site)
        .map((other) => [String(other.id), proxyAddress(layout, other, site, kind, target)]),
    ),
  };
}

export function locatorFile(
  plan: SitePlan,
  layout: DeploymentLayout,
  runDir: string,
  site: PlannedSite,
  name: string,
): WanlabLocatorFile {
  const own = layout.locators.find((l) => l.name === name)!;
  const locatorOf = (other: string): string =>
    addressText(layout.locators.find((l) => l.name === other)!.locator);
  const files = processFiles(runDir, name);
  return {
    name,
    site: { name: site.name, distributedSystemId: site.id },
    bind: own.locator,
    control: { ...own.control, token: plan.controlToken },
    peerLocators: site.locators.filter((other) => other !== name).map(locatorOf),
    remoteLocators: site.remoteSiteIds.flatMap((id) => {
      const remote = plan.sites.find((s) => s.id === id)!;
      return remote.locators.map((target) => proxyAddress(layout, site, remote, 'locator', target));
    }),
    advertise: advertiseTo(plan, layout, site, 'locator', name),
    dataDir: files.dataDir,
    log: { file: files.logFile, level: plan.timings.logLevel },
    exchangeIntervalMs: plan.timings.locatorExchangeIntervalMs,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    memberTimeoutMs: plan.timings.memberTimeoutMs,
    announceShutdown: site.announceLocatorShutdown,
    ...securityOf(plan, site, 'locator'),
    ...(site.tls ? { tls: site.tls } : {}),
  };
}

export function memberFile(
  plan: SitePlan,
  layout: DeploymentLayout,
  runDir: string,
  seed: number,
  site: PlannedSite,
  member: PlannedMember,
): WanlabMemberFile {
  const own = layout.members.find((m) => m.name === member.name)!;
  const hosted = new Set(member.senderIds);
  const files = processFiles(runDir, member.name);
  return {
    name: member.name,
    site: { name: site.name, distributedSystemId: site.id },
    locators: site.locators.map((name) =>
      addressText(layout.locators.find((l) => l.name === name)!.locator),
    ),
    control: { ...own.control, token: plan.controlToken },
    dataDir: files.dataDir,
    log: { file: files.logFile, level: plan.timings.logLevel },
    clockOffsetMs: site.clockOffsetMs,
    randomSeed: deriveSeed(seed, member.name),
    heartbeatIntervalMs: plan.timings.memberHeartbeatIntervalMs,
    locatorRequestTimeoutMs: REQUEST_TIMEOUT_MS,
    appliedEventLogLimit: APPLIED_EVENT_LOG_LIMIT,
    regions: site.regions.map((region) => ({
      ...withStagedResolver(region, site, runDir),
      senderIds: region.senderIds.filter((id) => hosted.has(id)),
    })),
    senders: member.senders,
    peer: { bindAddress: HOST, port: 0, connectTimeoutMs: REQUEST_TIMEOUT_MS },
    ...securityOf(plan, site, 'member'),
    ...(site.tls ? { tls: site.tls } : {}),
    ...(own.receiver
      ? {
          receiver: {
            bindAddress: own.receiver.host,
            startPort: own.receiver.startPort,
            endPort: own.receiver.endPort,
            manualStart: site.receiver.manualStart,
            maximumTimeBetweenPingsMs: site.receiver.maximumTimeBetweenPingsMs,
            maxFrameBytes: MAX_FRAME_BYTES,
            onEventFailure: site.receiver.onEventFailure,
            ...(site.receiver.transport ? { transport: site.receiver.transport } : {}),
            advertise: advertiseTo(plan, layout, site, 'receiver', member.name),
          },
        }
      : {}),
  };
}

export function writeJson(path: string, content: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`);
}

/** Where a region's resolver module is staged inside the run folder. */
export function stagedResolverPath(
  runDir: string,
  siteName: string,
  regionName: string,
  module: string,
): string {
  return join(runDir, 'resolvers', `${siteName}.${regionName}.${basename(module)}`);
}

function withStagedResolver(region: RegionConfig, site: PlannedSite, runDir: string): RegionConfig {
  const resolver = region.conflict?.resolver;
  if (!resolver) return region;
  const module = stagedResolverPath(runDir, site.name, region.name, resolver.module);
  return { ...region, conflict: { ...region.conflict, resolver: { ...resolver, module } } };
}

/**
 * Resolver modules are copied into the run folder before start: every runtime sees the run
 * folder, a container sees nothing else of the host.
 */
export function stageResolvers(plan: SitePlan, runDir: string): void {
  for (const site of plan.sites) {
    for (const region of site.regions) {
      const module = region.conflict?.resolver?.module;
      if (!module) continue;
      const to = stagedResolverPath(runDir, site.name, region.name, module);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(module, to);
    }
  }
}
