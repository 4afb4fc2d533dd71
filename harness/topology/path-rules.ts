import type { TopologyIssue } from './topology-error.js';
import type { SiteSpec, TopologySpec } from './topology-schema.js';
import { findSite } from './topology-rules.js';
import type { PathSegment } from './yaml-locations.js';

/** One hop of an event: from a site, through one of its senders, to another site. */
interface Hop {
  from: string;
  sender: string;
  to: string;
  /** Where the hop is configured: the region's reference to the sender. */
  at: PathSegment[];
}

interface Copy {
  siteIndex: number;
  recipients: ReadonlySet<number>;
  path: Hop[];
}

/**
 * DIST-3: sites that applied an event are not recorded, so a topology where an event can
 * reach one site by two paths applies it there twice. For every region and every site where
 * an event can start, this follows the forwarding rule of seed 003 (an event goes through each
 * sender of its region, except to its origin and to sites in its recipients, and collects the
 * remote sites of all those senders as recipients) and reports every site reached twice,
 * naming both paths. Full meshes, rings and hub-and-spoke topologies pass; 1→{2,3}→4 does not.
 */
export function pathIssues(spec: TopologySpec): TopologyIssue[] {
  const issues: TopologyIssue[] = [];
  spec.sites.forEach((site, siteIndex) => {
    for (const region of site.regions ?? []) {
      if ((region.senders ?? []).length === 0) continue;
      issues.push(...duplicateDeliveries(spec, region.name, siteIndex));
    }
  });
  return issues;
}

function duplicateDeliveries(
  spec: TopologySpec,
  region: string,
  originIndex: number,
): TopologyIssue[] {
  const originId = spec.sites[originIndex]!.id;
  const firstPath = new Map<number, Hop[]>();
  const issues: TopologyIssue[] = [];
  const pending: Copy[] = [{ siteIndex: originIndex, recipients: new Set(), path: [] }];
  while (pending.length > 0) {
    const copy = pending.shift()!;
    for (const next of forward(spec, region, originId, copy)) {
      const target = spec.sites[next.siteIndex]!;
      const earlier = firstPath.get(target.id);
      if (!earlier) {
        firstPath.set(target.id, next.path);
        pending.push(next);
        continue;
      }
      issues.push(twoPaths(region, spec.sites[originIndex]!, target, earlier, next.path));
    }
  }
  return issues;
}

/** The copies a site sends on, by the forwarding rule; none if it lacks the region. */
function forward(spec: TopologySpec, region: string, originId: number, copy: Copy): Copy[] {
  const site = spec.sites[copy.siteIndex]!;
  const regionIndex = (site.regions ?? []).findIndex((r) => r.name === region);
  if (regionIndex < 0) return [];
  const targets = senderTargets(spec, site, copy.siteIndex, regionIndex);
  const recipients = new Set([...copy.recipients, ...targets.map((t) => t.remote.id)]);
  return targets
    .filter((t) => t.remote.id !== originId && !copy.recipients.has(t.remote.id))
    .map((t) => ({
      siteIndex: spec.sites.indexOf(t.remote),
      recipients,
      path: [...copy.path, { from: site.name, sender: t.sender, to: t.remote.name, at: t.at }],
    }));
}

function senderTargets(
  spec: TopologySpec,
  site: SiteSpec,
  siteIndex: number,
  regionIndex: number,
): Array<{ sender: string; remote: SiteSpec; at: PathSegment[] }> {
  const ids = site.regions![regionIndex]!.senders ?? [];
  return ids.flatMap((id, k) => {
    const sender = (site.senders ?? []).find((s) => s.id === id);
    const remote = sender ? findSite(spec, sender.remoteSite) : undefined;
    if (!remote || remote === site) return [];
    return [{ sender: id, remote, at: ['sites', siteIndex, 'regions', regionIndex, 'senders', k] }];
  });
}

function describe(path: Hop[]): string {
  return path.reduce((text, hop) => `${text} -(${hop.sender})-> ${hop.to}`, path[0]!.from);
}

function twoPaths(
  region: string,
  origin: SiteSpec,
  target: SiteSpec,
  first: Hop[],
  second: Hop[],
): TopologyIssue {
  return {
    path: second[second.length - 1]!.at,
    message:
      `unsupported topology: an event of region "${region}" written at ${origin.name} reaches ` +
      `${target.name} twice, by ${describe(first)} and by ${describe(second)}`,
    hint:
      'sites that applied an event are not recorded, so it would be applied twice (DIST-3); ' +
      'remove one of the two paths (a full mesh, a ring or a hub and spoke is supported)',
  };
}
