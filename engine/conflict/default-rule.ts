import type { VersionTag } from '../region/version-tag.js';

export type ConflictDecision = 'apply' | 'discard';

/**
 * CONS-4, as Geode's AbstractRegionEntry.processGatewayTag decides it:
 * - a change from the same site as the entry's last writer applies unless it is older;
 * - otherwise the later timestamp wins and, on equal timestamps, the higher
 *   distributed-system-id wins.
 */
export function defaultWanRule(existing: VersionTag, incoming: VersionTag): ConflictDecision {
  if (incoming.dsid === existing.dsid) {
    return incoming.timestamp >= existing.timestamp ? 'apply' : 'discard';
  }
  if (incoming.timestamp !== existing.timestamp) {
    return incoming.timestamp > existing.timestamp ? 'apply' : 'discard';
  }
  return incoming.dsid > existing.dsid ? 'apply' : 'discard';
}

/** Of two versions of one entry, the one the default rule keeps. */
export function laterVersion(existing: VersionTag, incoming: VersionTag): VersionTag {
  return defaultWanRule(existing, incoming) === 'apply' ? incoming : existing;
}

/**
 * A local change must look newer than the version it replaces, whoever wrote that, even if
 * this site's clock is behind ("a locally generated change should always have a later
 * timestamp than one received from a wan gateway"). Geode's generateVersionTag compares the
 * site's id with a fresh tag's (0), so it bumps every local change, not only one over another
 * site's write. Bumping only those made a site's next write step back below its own bumped
 * one; remote sites discard that (same-site rule) and the sites never converged (found by
 * `wanlab chaos skewed-conflicts --seed 7`).
 */
export function localTimestamp(
  nowMs: number,
  existing: VersionTag | undefined,
  _localDsid: number,
): number {
  if (!existing) return nowMs;
  return Math.max(nowMs, existing.timestamp + 1);
}
