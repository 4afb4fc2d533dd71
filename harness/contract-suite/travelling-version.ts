import type { VersionTag } from '../../contract/index.js';

/**
 * The part of a version that travels between sites and decides conflicts (CONS-3, CONS-4):
 * when, on which site, and the entry's counter. The `member` stays behind: Geode rewrites a
 * received version's member to the member that stores it (GatewayReceiverCommand sets the
 * tag's VersionSource to the receiving region's), so it names a member of the storing site
 * (docs/divergences.md, "The member of a received version").
 */
export function travellingVersion(version: VersionTag): Omit<VersionTag, 'member'> {
  const { member: _member, ...rest } = version;
  return rest;
}
