/**
 * Every entry carries the version of the change that wrote it (CONS-1..4): when it happened
 * (on the writing site's clock), on which site, by which member, and the entry's own counter.
 */
export interface VersionTag {
  timestamp: number;
  dsid: number;
  member: string;
  entryVersion: number;
}

export function sameVersion(a: VersionTag, b: VersionTag): boolean {
  return (
    a.timestamp === b.timestamp &&
    a.dsid === b.dsid &&
    a.member === b.member &&
    a.entryVersion === b.entryVersion
  );
}
