import type { RegionConfig } from './region-definition.js';
import type { SenderConfig } from './sender-attributes.js';

/**
 * What members of one site must agree on, after Geode's GatewaySenderAdvisor.checkCompatibility:
 * a sender id means the same sender everywhere (remote site, parallel or serial, persistence,
 * conflation, disk synchronicity, alert threshold, and for serial senders the order policy and
 * manual start), and a region name the same region (type, buckets, redundancy, whether it takes parallel
 * senders, what it is colocated with). Batch size,
 * dispatcher threads of a parallel sender and the like may differ per member, as in Geode.
 * Used by the harness at load time and by locators when a member joins.
 */
export type SenderDefinition = Pick<
  SenderConfig,
  | 'id'
  | 'remoteDistributedSystemId'
  | 'parallel'
  | 'persistent'
  | 'batchConflation'
  | 'diskSynchronous'
  | 'alertThresholdMs'
  | 'orderPolicy'
  | 'manualStart'
>;

export type RegionDefinition = Pick<
  RegionConfig,
  'name' | 'type' | 'totalBuckets' | 'redundantCopies' | 'parallelSenders' | 'colocatedWith'
>;

export interface Difference {
  /** The attribute, by its configuration name. */
  field: string;
  mine: unknown;
  theirs: unknown;
}

const ALWAYS_SAME: ReadonlyArray<keyof SenderDefinition> = [
  'remoteDistributedSystemId',
  'parallel',
  'persistent',
  'batchConflation',
  'diskSynchronous',
  'alertThresholdMs',
];
const SAME_WHEN_SERIAL: ReadonlyArray<keyof SenderDefinition> = ['orderPolicy', 'manualStart'];
const REGION_SAME: ReadonlyArray<keyof RegionDefinition> = [
  'type',
  'totalBuckets',
  'redundantCopies',
  'parallelSenders',
  'colocatedWith',
];

export function senderDefinition(config: SenderConfig): SenderDefinition {
  return {
    id: config.id,
    remoteDistributedSystemId: config.remoteDistributedSystemId,
    parallel: config.parallel,
    persistent: config.persistent,
    batchConflation: config.batchConflation,
    diskSynchronous: config.diskSynchronous,
    alertThresholdMs: config.alertThresholdMs,
    orderPolicy: config.orderPolicy,
    manualStart: config.manualStart,
  };
}

export function regionDefinition(config: RegionConfig): RegionDefinition {
  return {
    name: config.name,
    type: config.type,
    totalBuckets: config.totalBuckets,
    redundantCopies: config.redundantCopies,
    parallelSenders: config.parallelSenders,
    ...(config.colocatedWith === undefined ? {} : { colocatedWith: config.colocatedWith }),
  };
}

export function senderDifferences(mine: SenderDefinition, theirs: SenderDefinition): Difference[] {
  const fields = [...ALWAYS_SAME, ...(mine.parallel || theirs.parallel ? [] : SAME_WHEN_SERIAL)];
  return differing(mine, theirs, fields);
}

export function regionDifferences(mine: RegionDefinition, theirs: RegionDefinition): Difference[] {
  return differing(mine, theirs, REGION_SAME);
}

function differing<T extends object>(
  mine: T,
  theirs: T,
  fields: ReadonlyArray<keyof T>,
): Difference[] {
  return fields
    .filter((field) => mine[field] !== theirs[field])
    .map((field) => ({ field: String(field), mine: mine[field], theirs: theirs[field] }));
}

export interface DefinitionConflict {
  kind: 'sender' | 'region';
  id: string;
  differences: Difference[];
}

/** Every sender and region that `mine` defines differently from `theirs`. */
export function definitionConflicts(
  mine: { senders: SenderDefinition[]; regions: RegionDefinition[] },
  theirs: { senders: SenderDefinition[]; regions: RegionDefinition[] },
): DefinitionConflict[] {
  const conflicts: DefinitionConflict[] = [];
  for (const sender of mine.senders) {
    const other = theirs.senders.find((s) => s.id === sender.id);
    const differences = other ? senderDifferences(sender, other) : [];
    if (differences.length > 0) conflicts.push({ kind: 'sender', id: sender.id, differences });
  }
  for (const region of mine.regions) {
    const other = theirs.regions.find((r) => r.name === region.name);
    const differences = other ? regionDifferences(region, other) : [];
    if (differences.length > 0) conflicts.push({ kind: 'region', id: region.name, differences });
  }
  return conflicts;
}

export function describeConflict(conflict: DefinitionConflict): string {
  const parts = conflict.differences.map(
    (d) => `${d.field} ${JSON.stringify(d.mine)} vs ${JSON.stringify(d.theirs)}`,
  );
  return `${conflict.kind} "${conflict.id}": ${parts.join(', ')}`;
}
