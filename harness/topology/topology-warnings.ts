import type { TopologyIssue } from './topology-error.js';
import { findSite } from './topology-rules.js';
import type { TopologySpec } from './topology-schema.js';

/**
 * What a topology may mean but most likely does not: it starts, and `wanlab up` says so loudly.
 * A region sent to a site that does not define it: every event fails there and is dropped
 * (a scenario about dropped events means it; anyone else has a typo).
 */
export function topologyWarnings(spec: TopologySpec): TopologyIssue[] {
  return spec.sites.flatMap((site, s) =>
    (site.regions ?? []).flatMap((region, r) =>
      (region.senders ?? []).flatMap((senderId, i) => {
        const sender = site.senders?.find((candidate) => candidate.id === senderId);
        const remote = sender ? findSite(spec, sender.remoteSite) : undefined;
        if (!remote || (remote.regions ?? []).some((other) => other.name === region.name))
          return [];
        return [
          {
            path: ['sites', s, 'regions', r, 'senders', i],
            message: `sender "${senderId}" sends region "${region.name}" to site "${remote.name}", which does not define it: every event will fail there and be dropped`,
            hint: `define region "${region.name}" at site "${remote.name}", or take "${senderId}" off the region`,
          },
        ];
      }),
    ),
  );
}
