import type { Advertise } from '../config/common-schema.js';

/**
 * What locators know and exchange (DISC-3, DISC-4): the locators and gateway receivers of
 * every site, each record versioned by (incarnation, generation) so that merging two views in
 * any order gives the same result and a newer record (a restart, a stop) replaces an older one.
 */
export interface DiscoveryRecord {
  kind: 'locator' | 'receiver';
  dsid: number;
  /** Locator name, or the name of the member hosting the receiver. */
  name: string;
  /** The real address; what peers dial when `advertise` has nothing for them. */
  address: string;
  advertise?: Advertise;
  status: 'up' | 'down';
  incarnation: number;
  generation: number;
}

export function recordKey(record: Pick<DiscoveryRecord, 'kind' | 'dsid' | 'name'>): string {
  return `${record.kind}:${record.dsid}:${record.name}`;
}

/** The address a site should dial to reach `record` (its proxy, when the harness routes it). */
export function addressFor(
  record: Pick<DiscoveryRecord, 'address' | 'advertise'>,
  askingDsid: number,
): string {
  return (
    record.advertise?.bySite?.[String(askingDsid)] ?? record.advertise?.default ?? record.address
  );
}

function isNewer(a: DiscoveryRecord, b: DiscoveryRecord): boolean {
  if (a.incarnation !== b.incarnation) return a.incarnation > b.incarnation;
  return a.generation > b.generation;
}

function sameContent(a: DiscoveryRecord, b: DiscoveryRecord): boolean {
  return (
    a.status === b.status &&
    a.address === b.address &&
    JSON.stringify(a.advertise ?? null) === JSON.stringify(b.advertise ?? null)
  );
}

export class DiscoveryView {
  readonly #records = new Map<string, DiscoveryRecord>();

  /** Merges records; returns true when anything a peer would care about changed. */
  merge(records: readonly DiscoveryRecord[]): boolean {
    let changed = false;
    for (const record of records) {
      const current = this.#records.get(recordKey(record));
      if (current && !isNewer(record, current)) continue;
      this.#records.set(recordKey(record), { ...record });
      changed ||= !current || !sameContent(current, record);
    }
    return changed;
  }

  /** The records of `records` a merge would take (new, or newer than what is held). */
  newer(records: readonly DiscoveryRecord[]): DiscoveryRecord[] {
    return records.filter((record) => {
      const current = this.#records.get(recordKey(record));
      return !current || isNewer(record, current);
    });
  }

  get(kind: DiscoveryRecord['kind'], dsid: number, name: string): DiscoveryRecord | undefined {
    return this.#records.get(recordKey({ kind, dsid, name }));
  }

  all(): DiscoveryRecord[] {
    return [...this.#records.values()];
  }

  up(kind: DiscoveryRecord['kind'], dsid?: number): DiscoveryRecord[] {
    return this.all().filter(
      (r) => r.kind === kind && r.status === 'up' && (dsid === undefined || r.dsid === dsid),
    );
  }

  /** Known site ids, sorted. */
  sites(): number[] {
    return [...new Set(this.all().map((r) => r.dsid))].sort((a, b) => a - b);
  }
}
