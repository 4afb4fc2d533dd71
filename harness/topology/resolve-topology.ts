import { dirname, resolve } from 'node:path';
import {
  TOTAL_BUCKETS_DEFAULT,
  CONFLICT_DEFAULTS,
  RECEIVER_DEFAULTS,
  SENDER_DEFAULTS,
  type ConflictConfig,
  type SenderConfig,
} from '../../contract/index.js';
import {
  ENGINE_TUNING_DEFAULTS,
  type LinkModel,
  type MemberModel,
  type SiteModel,
  type Topology,
} from './model.js';
import { findSite, locatorNames, memberName } from './topology-rules.js';
import type {
  PluginModuleSpec,
  MemberSenderSpec,
  RegionSpec,
  SenderSpec,
  SiteSpec,
  TopologySpec,
} from './topology-schema.js';

/** Fills every default of a topology that passed validation. */
export function resolveTopology(spec: TopologySpec, source: string): Topology {
  const sites = spec.sites.map((site) => resolveSite(spec, site, dirname(source)));
  const { name: engineName, ...timings } =
    typeof spec.engine === 'string' ? { name: spec.engine } : (spec.engine ?? {});
  return {
    name: spec.name,
    source,
    runtime: spec.runtime ?? 'process',
    ...(engineName ? { engineName } : {}),
    engine: { ...ENGINE_TUNING_DEFAULTS, ...timings },
    sites,
    authentication: spec.security?.authentication ?? false,
    tls: spec.security?.tls ?? false,
    links: links(sites),
  };
}

function resolveSite(spec: TopologySpec, site: SiteSpec, baseDir: string): SiteModel {
  const senders = (site.senders ?? []).map((sender) => resolveSender(spec, sender, baseDir));
  const receiverSpec = { ...spec.defaults?.receiver, ...site.receiver };
  return {
    name: site.name,
    id: site.id,
    locators: locatorNames(site),
    members: site.members.map((member) => resolveMember(spec, site, member, senders)),
    remoteSiteIds: site.remoteSites
      ? site.remoteSites.map((ref) => findSite(spec, ref)!.id)
      : spec.sites.filter((other) => other !== site).map((other) => other.id),
    regions: (site.regions ?? []).map((region) => ({
      name: region.name,
      type: region.type ?? 'replicated',
      senderIds: region.senders ?? [],
      totalBuckets: region.totalBuckets ?? TOTAL_BUCKETS_DEFAULT,
      redundantCopies: region.redundantCopies ?? 0,
      parallelSenders: region.parallelSenders ?? 'accept',
      ...(region.colocatedWith === undefined ? {} : { colocatedWith: region.colocatedWith }),
      conflict: resolveConflict(region, baseDir),
    })),
    senders,
    receiver: {
      ...(receiverSpec.portRange ? { portRange: receiverSpec.portRange } : {}),
      manualStart: receiverSpec.manualStart ?? RECEIVER_DEFAULTS.manualStart,
      maximumTimeBetweenPingsMs:
        receiverSpec.maximumTimeBetweenPingsMs ?? RECEIVER_DEFAULTS.maximumTimeBetweenPingsMs,
      onEventFailure: receiverSpec.onEventFailure ?? RECEIVER_DEFAULTS.onEventFailure,
      ...(receiverSpec.transport ? { transport: receiverSpec.transport } : {}),
    },
    clockOffsetMs: site.clockOffsetMs ?? 0,
    announceLocatorShutdown: site.announceLocatorShutdown ?? true,
    ...(site.security?.secret ? { secret: site.security.secret } : {}),
    ...(site.security?.tls
      ? {
          tls: {
            certFile: resolve(baseDir, site.security.tls.cert),
            keyFile: resolve(baseDir, site.security.tls.key),
            caFile: resolve(baseDir, site.security.tls.ca),
            requireClientCert: site.security.tls.requireClientCert ?? true,
          },
        }
      : {}),
  };
}

/** Resolver modules are named relative to the topology file; members get absolute paths. */
function resolveConflict(region: RegionSpec, baseDir: string): ConflictConfig {
  const spec = region.conflict ?? {};
  const resolver = typeof spec.resolver === 'string' ? { module: spec.resolver } : spec.resolver;
  return {
    forwardedEventDsid: spec.forwardedEventDsid ?? CONFLICT_DEFAULTS.forwardedEventDsid,
    onResolverError: spec.onResolverError ?? CONFLICT_DEFAULTS.onResolverError,
    ...(resolver
      ? { resolver: { module: resolve(baseDir, resolver.module), options: resolver.options ?? {} } }
      : {}),
  };
}

function resolveSender(spec: TopologySpec, sender: SenderSpec, baseDir: string): SenderConfig {
  const { remoteSite, eventFilters: own, ...attributes } = sender;
  const { eventFilters: shared, ...defaults } = spec.defaults?.sender ?? {};
  const filters = own ?? shared ?? [];
  return {
    ...SENDER_DEFAULTS,
    ...defaults,
    ...attributes,
    remoteDistributedSystemId: findSite(spec, remoteSite)!.id,
    ...(filters.length > 0 ? { eventFilters: filters.map((f) => pluginModule(f, baseDir)) } : {}),
  };
}

function pluginModule(
  spec: PluginModuleSpec,
  baseDir: string,
): { module: string; options: Record<string, unknown> } {
  const { module, options } = typeof spec === 'string' ? { module: spec, options: {} } : spec;
  return { module: resolve(baseDir, module), options: options ?? {} };
}

function resolveMember(
  spec: TopologySpec,
  site: SiteSpec,
  member: SiteSpec['members'][number],
  senders: SenderConfig[],
): MemberModel {
  if (typeof member === 'string') {
    return {
      name: member,
      siteName: site.name,
      hasReceiver: true,
      senderIds: senders.map((s) => s.id),
      senders,
    };
  }
  const own = (member.senders ?? senders.map((s) => s.id)).map((entry) =>
    memberSender(spec, entry, senders),
  );
  return {
    name: memberName(member),
    siteName: site.name,
    hasReceiver: member.receiver ?? true,
    senderIds: own.map((s) => s.id),
    senders: own,
  };
}

/** A member's definition of a site sender: the site's, with the member's own attributes. */
export function memberSender(
  spec: TopologySpec,
  entry: string | MemberSenderSpec,
  siteSenders: SenderConfig[],
): SenderConfig {
  const id = typeof entry === 'string' ? entry : entry.id;
  const base = siteSenders.find((s) => s.id === id)!;
  if (typeof entry === 'string') return base;
  const { remoteSite, ...attributes } = entry;
  return {
    ...base,
    ...attributes,
    ...(remoteSite !== undefined
      ? { remoteDistributedSystemId: findSite(spec, remoteSite)?.id ?? -1 }
      : {}),
  };
}

function links(sites: SiteModel[]): LinkModel[] {
  return sites.flatMap((from) =>
    sites
      .filter((to) => to !== from)
      .map((to) => ({
        name: `${from.name}->${to.name}`,
        fromSite: from.name,
        toSite: to.name,
        fromId: from.id,
        toId: to.id,
      })),
  );
}
