import type { EventIdRecord, VersionRecord } from '../history/records.js';

/**
 * Where two versions were read. At one site the entry's own counter (`entryVersion`) orders two
 * changes of the same timestamp (a site applies its own later change). Across sites only what
 * the documents make travel is comparable: the timestamp and the distributed-system-id (CONS-3,
 * CONS-4). Geode gives a received event the receiving site's next entry version
 * (`AbstractRegionEntry.generateVersionTag` keeps a gateway tag's timestamp and site id), so
 * the same change carries another counter at each site that wrote the key
 * (docs/divergences.md, "Versions: the entry version of a received change").
 */
export type VersionScope = 'one-site' | 'across-sites';

/** The scope of versions read at these two sites. */
export function scopeOf(siteA: string, siteB: string): VersionScope {
  return siteA === siteB ? 'one-site' : 'across-sites';
}

/**
 * The order in which the default WAN rule (CONS-4) lets versions replace each other: later
 * timestamp first, then higher distributed-system-id, then (at one site) the entry's own
 * counter. Negative when a is older. The member is not compared: it does not travel (contract
 * `travellingVersion`; Geode stores a received version under the member of the receiving site
 * that stored it).
 */
export function compareVersions(a: VersionRecord, b: VersionRecord, scope: VersionScope): number {
  const order = a.timestamp - b.timestamp || a.dsid - b.dsid;
  return order !== 0 || scope === 'across-sites' ? order : a.entryVersion - b.entryVersion;
}

export function sameVersion(a: VersionRecord, b: VersionRecord, scope: VersionScope): boolean {
  return compareVersions(a, b, scope) === 0;
}

export function versionText(v: VersionRecord): string {
  return `${v.timestamp}@${v.dsid}/${v.member}#${v.entryVersion}`;
}

export function eventIdText(id: EventIdRecord): string {
  return `${id.member}/${id.thread}/${id.seq}`;
}
