import type { RegionType } from './region-definition.js';
import type { ConfigIssue } from './config-rules.js';

/** What the colocation rules read of a region, defaults filled in. */
export interface ColocationInput {
  name: string;
  type: RegionType;
  totalBuckets: number;
  redundantCopies: number;
  colocatedWith?: string | undefined;
  senderIds: readonly string[];
}

/**
 * Geode keeps one parallel sender's queue in a shadow region colocated with the leader of its
 * regions' colocation chain, so it refuses a parallel sender shared by partitioned regions
 * that are not colocated (ParallelGatewaySenderQueue; WanValidationsDUnitTest). A colocated
 * region must be partitioned, name another partitioned region, and match its bucket count and
 * redundancy (PartitionRegionConfigValidator). Paths are relative to the list of regions.
 */
export function colocationIssues(
  regions: readonly ColocationInput[],
  parallelSenderIds: ReadonlySet<string>,
): ConfigIssue[] {
  const byName = new Map(regions.map((region) => [region.name, region]));
  const issues = regions.flatMap((region, index) =>
    declarationIssues(region, byName).map((issue) => ({
      ...issue,
      path: `[${index}].colocatedWith`,
    })),
  );
  if (issues.length > 0) return issues;
  return sharedSenderIssues(regions, byName, parallelSenderIds);
}

function declarationIssues(
  region: ColocationInput,
  byName: ReadonlyMap<string, ColocationInput>,
): Array<Omit<ConfigIssue, 'path'>> {
  const parentName = region.colocatedWith;
  if (parentName === undefined) return [];
  const parent = byName.get(parentName);
  if (region.type !== 'partitioned') {
    return [
      {
        message: `region "${region.name}" is ${region.type}; only a partitioned region can be colocated`,
        hint: 'remove colocatedWith, or make the region partitioned',
      },
    ];
  }
  if (!parent || parent === region) {
    return [
      {
        message: `region "${region.name}" is colocated with "${parentName}", which is ${parent ? 'itself' : 'not a region of this site'}`,
        hint: `name another partitioned region of the site: ${[...byName.keys()].filter((n) => n !== region.name).join(', ') || '(none)'}`,
      },
    ];
  }
  return parentIssues(region, parent, byName);
}

function parentIssues(
  region: ColocationInput,
  parent: ColocationInput,
  byName: ReadonlyMap<string, ColocationInput>,
): Array<Omit<ConfigIssue, 'path'>> {
  if (parent.type !== 'partitioned') {
    return [
      {
        message: `region "${region.name}" is colocated with "${parent.name}", a ${parent.type} region`,
        hint: `colocate it with a partitioned region, or make "${parent.name}" partitioned`,
      },
    ];
  }
  for (const field of ['totalBuckets', 'redundantCopies'] as const) {
    if (region[field] !== parent[field]) {
      return [
        {
          message: `region "${region.name}" has ${field} ${region[field]}, but "${parent.name}", which it is colocated with, has ${parent[field]}`,
          hint: `give colocated regions the same ${field}`,
        },
      ];
    }
  }
  if (rootOf(region, byName) === undefined) {
    return [
      {
        message: `region "${region.name}" is part of a colocation cycle`,
        hint: 'one region of a colocation chain must not be colocated with any other',
      },
    ];
  }
  return [];
}

/** The leader of a region's colocation chain; undefined when the chain loops. */
function rootOf(
  region: ColocationInput,
  byName: ReadonlyMap<string, ColocationInput>,
): string | undefined {
  const seen = new Set<string>();
  let current: ColocationInput | undefined = region;
  while (current?.colocatedWith !== undefined) {
    if (seen.has(current.name)) return undefined;
    seen.add(current.name);
    current = byName.get(current.colocatedWith);
  }
  return current?.name;
}

function sharedSenderIssues(
  regions: readonly ColocationInput[],
  byName: ReadonlyMap<string, ColocationInput>,
  parallelSenderIds: ReadonlySet<string>,
): ConfigIssue[] {
  const firstUser = new Map<string, ColocationInput>();
  const issues: ConfigIssue[] = [];
  regions.forEach((region, index) => {
    if (region.type !== 'partitioned') return;
    region.senderIds.forEach((id, senderIndex) => {
      if (!parallelSenderIds.has(id)) return;
      const first = firstUser.get(id);
      if (!first) {
        firstUser.set(id, region);
      } else if (rootOf(first, byName) !== rootOf(region, byName)) {
        issues.push({
          path: `[${index}].senderIds[${senderIndex}]`,
          message: `parallel sender "${id}" is used by partitioned regions "${first.name}" and "${region.name}", which are not colocated`,
          hint: `declare colocatedWith: ${first.name} on region "${region.name}" (same totalBuckets and redundantCopies), or give each region its own parallel sender`,
        });
      }
    });
  });
  return issues;
}
