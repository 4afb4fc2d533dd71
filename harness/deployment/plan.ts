import { basename, join } from 'node:path';
import type { Advertise } from '../../engine/config/common-schema.js';
import type { LocatorConfig } from '../../engine/config/locator-config.js';
import type { MemberConfig, RegionConfig } from '../../engine/config/member-config.js';
import { planProxies, proxyName, proxyPortCount, type ProxyPlan } from '../links/link-plan.js';
import type { LaunchSpec } from '../runtime/runtime.js';
import type { MemberModel, SiteModel, Topology } from '../topology/model.js';
import { PortPool } from '../util/ports.js';
import { deriveSeed } from '../util/seed.js';

export interface ProcessPlan<C> {
  launch: LaunchSpec;
  siteId: number;
  controlUrl: string;
  config: C;
}

export interface DeploymentPlan {
  runDir: string;
  /** Files copied into the run folder before start (resolver modules: every runtime sees
   * the run folder, a container sees nothing else of the host). */
  stagedFiles: Array<{ from: string; to: string }>;
  seed: number;
  toxiproxyApiPort: number;
  proxies: ProxyPlan[];
  locators: Array<ProcessPlan<LocatorConfig>>;
  members: Array<ProcessPlan<MemberConfig>>;
}

const HOST = '127.0.0.1';

/** Ports a deployment of `topology` needs, to allocate them all at once. */
export function portCount(topology: Topology): number {
  const perSite = topology.sites.reduce((n, site) => {
    const receivers = site.receiver.portRange
      ? 0
      : site.members.filter((m) => m.hasReceiver).length;
    return n + site.locators.length * 2 + site.members.length + receivers;
  }, 0);
  return 1 + perSite + proxyPortCount(topology);
}

/**
 * Everything about a deployment that can be decided before anything starts: ports, proxies,
 * and the configuration file of every engine process. Discovery is pointed at the proxies:
 * remote locators are dialled through them and every locator and receiver advertises, per
 * asking site, the proxy that site must use (design.md §1, "Links").
 */
export function planDeployment(
  topology: Topology,
  runDir: string,
  seed: number,
  ports: number[],
): DeploymentPlan {
  const pool = new PortPool(ports);
  const toxiproxyApiPort = pool.next();
  const proxies = planProxies(topology, pool, HOST);
  const listen = (
    from: SiteModel,
    to: SiteModel,
    kind: ProxyPlan['kind'],
    target: string,
  ): string => {
    const plan = proxies.find(
      (p) => p.name === proxyName(`${from.name}->${to.name}`, kind, target),
    )!;
    return `${plan.listenHost}:${plan.listenPort}`;
  };
  const advertiseTo = (site: SiteModel, kind: ProxyPlan['kind'], target: string): Advertise => ({
    bySite: Object.fromEntries(
      topology.sites
        .filter((other) => other !== site)
        .map((other) => [String(other.id), listen(other, site, kind, target)]),
    ),
  });
  const locatorAddresses = new Map<string, string>();
  const locators = topology.sites.flatMap((site) =>
    site.locators.map((name) => {
      const bindPort = pool.next();
      locatorAddresses.set(name, `${HOST}:${bindPort}`);
      return { site, name, bindPort, controlPort: pool.next() };
    }),
  );
  return {
    runDir,
    stagedFiles: stagedFiles(topology, runDir),
    seed,
    toxiproxyApiPort,
    proxies,
    locators: locators.map(({ site, name, bindPort, controlPort }) => {
      const config: LocatorConfig = {
        name,
        site: { name: site.name, distributedSystemId: site.id },
        bind: { host: HOST, port: bindPort },
        control: { host: HOST, port: controlPort },
        peerLocators: site.locators
          .filter((other) => other !== name)
          .map((other) => locatorAddresses.get(other)!),
        remoteLocators: site.remoteSiteIds.flatMap((id) => {
          const remote = topology.sites.find((s) => s.id === id)!;
          return remote.locators.map((target) => listen(site, remote, 'locator', target));
        }),
        advertise: advertiseTo(site, 'locator', name),
        dataDir: join(runDir, 'data', name),
        log: { file: join(runDir, 'logs', `${name}.log`), level: topology.engine.logLevel },
        exchangeIntervalMs: topology.engine.locatorExchangeIntervalMs,
        requestTimeoutMs: 2000,
        memberTimeoutMs: topology.engine.memberTimeoutMs,
        announceShutdown: site.announceLocatorShutdown,
      };
      return processPlan(runDir, 'locator', site, name, controlPort, config);
    }),
    members: topology.sites.flatMap((site) =>
      site.members.map((member) => {
        const controlPort = pool.next();
        const config = memberConfig(topology, site, member, {
          runDir,
          controlPort,
          locators: site.locators.map((name) => locatorAddresses.get(name)!),
          receiverPort: member.hasReceiver && !site.receiver.portRange ? pool.next() : undefined,
          advertise: member.hasReceiver ? advertiseTo(site, 'receiver', member.name) : undefined,
          seed: deriveSeed(seed, member.name),
        });
        return processPlan(runDir, 'member', site, member.name, controlPort, config);
      }),
    ),
  };
}

interface MemberInputs {
  runDir: string;
  controlPort: number;
  locators: string[];
  receiverPort: number | undefined;
  advertise: Advertise | undefined;
  seed: number;
}

function memberConfig(
  topology: Topology,
  site: SiteModel,
  member: MemberModel,
  inputs: MemberInputs,
): MemberConfig {
  const hosted = new Set(member.senderIds);
  const range = site.receiver.portRange;
  return {
    name: member.name,
    site: { name: site.name, distributedSystemId: site.id },
    locators: inputs.locators,
    control: { host: HOST, port: inputs.controlPort },
    dataDir: join(inputs.runDir, 'data', member.name),
    log: {
      file: join(inputs.runDir, 'logs', `${member.name}.log`),
      level: topology.engine.logLevel,
    },
    clockOffsetMs: site.clockOffsetMs,
    randomSeed: inputs.seed,
    heartbeatIntervalMs: topology.engine.memberHeartbeatIntervalMs,
    locatorRequestTimeoutMs: 2000,
    appliedEventLogLimit: 200000,
    regions: site.regions.map((region) => ({
      ...withStagedResolver(region, site, inputs.runDir),
      senderIds: region.senderIds.filter((id) => hosted.has(id)),
    })),
    senders: member.senders,
    peer: { bindAddress: HOST, port: 0, connectTimeoutMs: 2000 },
    ...(member.hasReceiver
      ? {
          receiver: {
            bindAddress: HOST,
            startPort: range?.start ?? inputs.receiverPort!,
            endPort: range?.end ?? inputs.receiverPort!,
            manualStart: site.receiver.manualStart,
            maximumTimeBetweenPingsMs: site.receiver.maximumTimeBetweenPingsMs,
            maxFrameBytes: 64 * 1024 * 1024,
            onEventFailure: site.receiver.onEventFailure,
            advertise: inputs.advertise!,
          },
        }
      : {}),
  };
}

function processPlan<C>(
  runDir: string,
  role: LaunchSpec['role'],
  site: SiteModel,
  name: string,
  controlPort: number,
  config: C,
): ProcessPlan<C> {
  return {
    launch: {
      name,
      role,
      siteName: site.name,
      configPath: join(runDir, 'config', `${name}.json`),
      logFile: join(runDir, 'logs', `${name}.log`),
      consoleFile: join(runDir, 'logs', `${name}.console.log`),
      dataDir: join(runDir, 'data', name),
    },
    siteId: site.id,
    controlUrl: `http://${HOST}:${controlPort}`,
    config,
  };
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

function withStagedResolver(region: RegionConfig, site: SiteModel, runDir: string): RegionConfig {
  const resolver = region.conflict?.resolver;
  if (!resolver) return region;
  const module = stagedResolverPath(runDir, site.name, region.name, resolver.module);
  return { ...region, conflict: { ...region.conflict, resolver: { ...resolver, module } } };
}

function stagedFiles(topology: Topology, runDir: string): DeploymentPlan['stagedFiles'] {
  return topology.sites.flatMap((site) =>
    site.regions.flatMap((region) => {
      const module = region.conflict?.resolver?.module;
      return module
        ? [{ from: module, to: stagedResolverPath(runDir, site.name, region.name, module) }]
        : [];
    }),
  );
}
