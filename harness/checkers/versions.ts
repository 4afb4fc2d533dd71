import type { EventIdRecord, VersionRecord } from '../history/records.js';

/**
 * The order in which the default WAN rule (CONS-4) lets versions replace each other: later
 * timestamp first, then higher distributed-system-id, then the entry's own counter (a site
 * applies its own later change even at an equal timestamp). Negative when a is older. The
 * member is not compared: it does not travel (contract `travellingVersion`; Geode stores a
 * received version under the member of the receiving site that stored it).
 */
export function compareVersions(a: VersionRecord, b: VersionRecord): number {
  return a.timestamp - b.timestamp || a.dsid - b.dsid || a.entryVersion - b.entryVersion;
}

export function sameVersion(a: VersionRecord, b: VersionRecord): boolean {
  return compareVersions(a, b) === 0;
}

export function versionText(v: VersionRecord): string {
  return `${v.timestamp}@${v.dsid}/${v.member}#${v.entryVersion}`;
}

export function eventIdText(id: EventIdRecord): string {
  return `${id.member}/${id.thread}/${id.seq}`;
}
