import { basename } from 'node:path';
import type { PlannedSite, SitePlan } from '../../../contract/index.js';
import { HarnessError } from '../../errors.js';

/**
 * The resolver modules (topologies/resolvers/) the Geode member program has a Java
 * equivalent of (geode/src/main/java/wanlab/geode/Resolvers.java, KNOWN), by file name.
 */
export const JAVA_RESOLVERS = ['prefer-site', 'union-merge'];

/**
 * The event filter modules (topologies/filters/) the Geode member program has a Java
 * equivalent of (geode/src/main/java/wanlab/geode/Filters.java, KNOWN), by file name.
 */
export const JAVA_EVENT_FILTERS = ['drop-prefix', 'count-acks'];

export function resolverName(module: string): string {
  return basename(module).replace(/\.[^.]+$/, '');
}

/** What the geode driver cannot express: one field of the plan, and why. */
export interface Inexpressible {
  field: string;
  reason: string;
}

/** The sites that send to `site` (a sender of theirs names its id). */
function sendersInto(plan: SitePlan, site: PlannedSite): string[] {
  return plan.sites
    .filter((s) => s.senders.some((sender) => sender.remoteDistributedSystemId === site.id))
    .map((s) => s.name);
}

function siteProblems(plan: SitePlan, site: PlannedSite): Inexpressible[] {
  const at = `sites[${site.name}]`;
  const problems: Inexpressible[] = [];
  const inbound = sendersInto(plan, site);
  if (inbound.length > 1) {
    problems.push({
      field: `${at} (senders of ${inbound.join(', ')})`,
      reason: `site ${site.name} receives from ${inbound.length} sites; a Geode receiver advertises one hostname-for-senders, so only one sending site can reach it through its own link proxies`,
    });
  }
  if (site.receiver.portRange) {
    problems.push({
      field: `${at}.receiver.portRange`,
      reason:
        "a Geode receiver's proxies listen on the receiver's own port, so the driver picks one port per receiver",
    });
  }
  if (site.tls !== undefined) {
    problems.push({
      field: 'security.tls',
      reason: "the driver does not configure Geode's ssl-enabled-components yet",
    });
  }
  if (site.secret !== undefined) {
    problems.push({
      field: 'security.authentication',
      reason:
        "the Geode program has no security manager yet: wanlab's per-site credentials cannot be checked",
    });
  }
  if (site.clockOffsetMs !== 0) {
    problems.push({
      field: `${at}.clockOffsetMs`,
      reason:
        "Geode's version timestamps come from its own cache clock, which the driver cannot skew",
    });
  }
  for (const region of site.regions) problems.push(...regionProblems(site, at, region));
  if ((site.receiver.transport?.compression ?? 'none') !== 'none') {
    problems.push({
      field: `${at}.receiver.transport`,
      reason: 'the Geode program has no GatewayTransportFilter yet: its batches are not compressed',
    });
  }
  for (const sender of site.senders) {
    if ((sender.transport?.compression ?? 'none') !== 'none') {
      problems.push({
        field: `${at}.senders[${sender.id}].transport`,
        reason:
          'the Geode program has no GatewayTransportFilter yet: its batches are not compressed',
      });
    }
    if (!Number.isInteger(sender.maximumQueueMemoryMb)) {
      problems.push({
        field: `${at}.senders[${sender.id}].maximumQueueMemoryMb`,
        reason: 'Geode takes maximum-queue-memory in whole megabytes',
      });
    }
    const unknown = (sender.eventFilters ?? []).filter(
      (f) => !JAVA_EVENT_FILTERS.includes(resolverName(f.module)),
    );
    if (unknown.length > 0) {
      problems.push({
        field: `${at}.senders[${sender.id}].eventFilters`,
        reason: `Geode runs Java GatewayEventFilters; the member program has equivalents of ${JAVA_EVENT_FILTERS.join(', ')} only`,
      });
    }
  }
  return problems;
}

function regionProblems(
  site: PlannedSite,
  at: string,
  region: PlannedSite['regions'][number],
): Inexpressible[] {
  const problems: Inexpressible[] = [];
  const where = `${at}.regions[${region.name}]`;
  const resolver = region.conflict.resolver;
  if (resolver && !JAVA_RESOLVERS.includes(resolverName(resolver.module))) {
    problems.push({
      field: `${where}.conflict.resolver.module`,
      reason: `Geode runs Java GatewayConflictResolvers; the member program has equivalents of ${JAVA_RESOLVERS.join(', ')} only`,
    });
  }
  const parallel = site.senders.some((s) => s.parallel && region.senderIds.includes(s.id));
  if ((region.type === 'normal' || region.type === 'preloaded') && parallel) {
    if (region.parallelSenders === 'accept') {
      problems.push({
        field: `${where}.parallelSenders`,
        reason: `Geode refuses a parallel sender on a ${region.type} region (DistributedRegion); only 'refuse' is expressible`,
      });
    }
  }
  return problems;
}

/** Every field of the plan the geode driver cannot express. */
export function inexpressible(plan: SitePlan): Inexpressible[] {
  return plan.sites.flatMap((site) => siteProblems(plan, site));
}

/** Refuses a plan the geode driver cannot express, before anything starts. */
export function assertExpressible(plan: SitePlan): void {
  const problems = inexpressible(plan);
  if (problems.length === 0) return;
  throw new HarnessError(
    'WANLAB_ENGINE_UNSUPPORTED',
    `topology ${plan.name} uses what the geode engine (Apache Geode 1.15.1) cannot express:\n${problems
      .map((p) => `  ${p.field}: ${p.reason}`)
      .join('\n')}`,
    'run it on the wanlab engine (--engine wanlab), or change those fields',
  );
}
