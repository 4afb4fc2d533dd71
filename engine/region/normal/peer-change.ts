import type { Entry } from '../region.js';
import type { VersionTag } from '../version-tag.js';

/**
 * Which of two versions of an entry is the later one among the members of a site: the later
 * timestamp, then the higher distributed-system-id (the tie rule of CONS-4), then the higher
 * entry counter, then the member id, so every member picks the same one whatever the order
 * in which two concurrent writes reach it.
 */
export function isLaterVersion(incoming: VersionTag, held: VersionTag): boolean {
  if (incoming.timestamp !== held.timestamp) return incoming.timestamp > held.timestamp;
  if (incoming.dsid !== held.dsid) return incoming.dsid > held.dsid;
  if (incoming.entryVersion !== held.entryVersion) return incoming.entryVersion > held.entryVersion;
  return incoming.member > held.member;
}

/**
 * Whether a member of a normal or preloaded region takes a change another member applied
 * (Geode's NORMAL data policy with the default CACHE_CONTENT interest, AbstractUpdateOperation
 * doPutOrCreate): only for a key it holds live, and only when the change is later. A key it
 * does not hold (or holds destroyed) stays as it is, so members hold different entries. While
 * a preloaded region fills its initial image it takes every later change, held or not
 * (Geode's image state), so the image cannot bring back an older value.
 */
export function takesPeerChange(
  held: Entry | undefined,
  incoming: VersionTag,
  fillingImage: boolean,
): boolean {
  if (held && !isLaterVersion(incoming, held.version)) return false;
  if (fillingImage) return true;
  return held !== undefined && !held.tombstone;
}

/** Of the entries other members hold for a key, the one a net search brings back. */
export function latestLive(entries: ReadonlyArray<Entry | null>): Entry | undefined {
  let best: Entry | undefined;
  for (const entry of entries) {
    if (!entry || entry.tombstone) continue;
    if (!best || isLaterVersion(entry.version, best.version)) best = entry;
  }
  return best;
}
