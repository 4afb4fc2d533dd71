import type { DiscoveryRecord } from './discovery-view.js';

/**
 * The records an exchange authenticated as site `fromDsid` may change at a locator of site
 * `ownDsid` (issue 17): all of them from the locator's own site; from another site, its own
 * records, and those of third sites this locator has not heard from directly (so that what
 * one site learns still reaches the sites connected to it, DISC-3), never the locator's own
 * site's records nor those of a site that exchanges with it itself.
 */
export function trustedRecords(
  records: readonly DiscoveryRecord[],
  fromDsid: number,
  ownDsid: number,
  heardDirectly: ReadonlySet<number>,
): DiscoveryRecord[] {
  if (fromDsid === ownDsid) return [...records];
  return records.filter(
    (r) => r.dsid === fromDsid || (r.dsid !== ownDsid && !heardDirectly.has(r.dsid)),
  );
}
