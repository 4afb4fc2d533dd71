import { travellingVersion, type EntryBody, type VersionTag } from '../../contract/index.js';

/**
 * Entries as sites are compared: by key, value and the travelling part of their version
 * (contract `travellingVersion`: Geode stores a received version under the receiving member).
 */
export function canonicalEntries(entries: readonly EntryBody[]): string {
  return JSON.stringify(
    [...entries]
      .sort((p, q) => p.key.localeCompare(q.key))
      .map((e) => ({ key: e.key, value: e.value, version: travellingVersion(e.version) })),
  );
}

/** Whether two versions are the same change, wherever it is stored. */
export function sameVersion(a: VersionTag | undefined, b: VersionTag | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(travellingVersion(a)) === JSON.stringify(travellingVersion(b));
}
