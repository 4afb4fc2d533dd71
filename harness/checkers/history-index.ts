import type { History, Operation } from '../history/history.js';
import type {
  AppliedRecord,
  FinalRecord,
  ReceivedRecord,
  SenderInfo,
  SiteInfo,
} from '../history/records.js';
import { RealTime } from './real-time.js';
import { eventIdText } from './versions.js';

/** An acknowledged write with what the engine answered. */
export type OkWrite = Operation & Required<Pick<Operation, 'version' | 'eventId'>>;

/** Lookups every checker needs, built once per history. */
export class HistoryIndex {
  readonly history: History;
  readonly realTime: RealTime;
  /** Sites that define the workload's region: the only ones judged. */
  readonly sites: SiteInfo[];
  /** Applied events of the workload's region, per site, in the order they were read. */
  readonly appliedBySite = new Map<string, AppliedRecord[]>();
  readonly okWrites: OkWrite[];
  /** Receipts per member incarnation (uid), for incarnations that keep them. */
  readonly receiptsByUid = new Map<string, ReceivedRecord[]>();
  readonly #siteOfMember = new Map<string, string>();
  readonly #deliveredAt = new Map<string, Set<string>>();
  readonly #incompleteSites = new Set<string>();
  readonly #bySiteKey = new Map<string, Map<string, AppliedRecord[]>>();
  readonly #finalEntries = new Map<FinalRecord, Map<string, FinalRecord['entries'][number]>>();

  constructor(history: History) {
    this.history = history;
    this.realTime = new RealTime(history);
    this.sites = history.run.sites.filter((s) => s.hasRegion);
    for (const site of history.run.sites)
      for (const member of site.members) this.#siteOfMember.set(member.name, site.name);
    for (const site of this.sites) {
      this.appliedBySite.set(site.name, []);
      this.#deliveredAt.set(site.name, new Set());
    }
    for (const record of history.applied) {
      if (record.event.region !== history.run.region) continue;
      this.appliedBySite.get(record.site)?.push(record);
      this.#deliveredAt.get(record.site)?.add(eventIdText(record.event.id));
      const byKey = this.#bySiteKey.get(record.site) ?? new Map<string, AppliedRecord[]>();
      this.#bySiteKey.set(record.site, byKey);
      byKey.set(record.event.key, [...(byKey.get(record.event.key) ?? []), record]);
    }
    for (const inc of history.incarnations) if (inc.receipts) this.receiptsByUid.set(inc.uid, []);
    for (const record of history.received) {
      if (record.event.region !== history.run.region) continue;
      this.receiptsByUid.get(record.uid)?.push(record);
      if (record.outcome !== 'failed')
        this.#deliveredAt.get(record.site)?.add(eventIdText(record.event.id));
    }
    this.okWrites = history.ops.filter(
      (op): op is OkWrite => op.outcome === 'ok' && !!op.version && !!op.eventId,
    );
    for (const gap of history.gaps) this.#incompleteSites.add(this.siteOf(gap.member));
    for (const inc of history.incarnations)
      if (inc.previousComplete === false) this.#incompleteSites.add(inc.site);
  }

  siteOf(member: string): string {
    return this.#siteOfMember.get(member) ?? '?';
  }

  site(name: string): SiteInfo | undefined {
    return this.history.run.sites.find((s) => s.name === name);
  }

  siteById(id: number): SiteInfo | undefined {
    return this.history.run.sites.find((s) => s.id === id);
  }

  /** Whether any member of the site applied the event (by id) or received it, in any incarnation. */
  deliveredAt(site: string, eventId: { member: string; thread: number; seq: number }): boolean {
    return this.#deliveredAt.get(site)?.has(eventIdText(eventId)) ?? false;
  }

  /** Whether every incarnation of every member of the site kept receipts. */
  keepsReceipts(site: string): boolean {
    const incarnations = this.history.incarnations.filter((i) => i.site === site);
    return incarnations.length > 0 && incarnations.every((i) => i.receipts === true);
  }

  /** A site whose applied events may not all be in the history (a log gap, a killed member). */
  isIncomplete(site: string): boolean {
    return this.#incompleteSites.has(site);
  }

  /** The sender of `member` with this id, and the site it sends to. */
  sender(
    member: string,
    id: string,
  ): { info: SenderInfo; site: SiteInfo; remote?: SiteInfo } | undefined {
    const site = this.site(this.siteOf(member));
    const info = site?.senders.find((s) => s.id === id);
    if (!site || !info) return undefined;
    const remote = this.siteById(info.remoteSiteId);
    return { info, site, ...(remote ? { remote } : {}) };
  }

  /** Events of one key applied at a site, in the order they were read. */
  appliedFor(site: string, key: string): AppliedRecord[] {
    return this.#bySiteKey.get(site)?.get(key) ?? [];
  }

  /** The entry a final state holds for a key. */
  entryIn(final: FinalRecord, key: string): FinalRecord['entries'][number] | undefined {
    let entries = this.#finalEntries.get(final);
    if (!entries) {
      entries = new Map(final.entries.map((e) => [e.key, e]));
      this.#finalEntries.set(final, entries);
    }
    return entries.get(key);
  }

  finalsOf(site: string): FinalRecord[] {
    return this.history.finals.filter((f) => f.site === site);
  }
}

const cache = new WeakMap<History, HistoryIndex>();

export function indexOf(history: History): HistoryIndex {
  let index = cache.get(history);
  if (!index) {
    index = new HistoryIndex(history);
    cache.set(history, index);
  }
  return index;
}
