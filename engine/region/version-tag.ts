import type { VersionTag } from '../../contract/control-api/common.js';

/**
 * Every entry carries the version of the change that wrote it (CONS-1..4); the contract
 * declares its shape (contract/control-api/common.ts).
 */
export type { VersionTag } from '../../contract/control-api/common.js';

export function sameVersion(a: VersionTag, b: VersionTag): boolean {
  return (
    a.timestamp === b.timestamp &&
    a.dsid === b.dsid &&
    a.member === b.member &&
    a.entryVersion === b.entryVersion
  );
}
