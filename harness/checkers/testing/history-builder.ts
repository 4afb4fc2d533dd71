import { buildHistory, type History } from '../../history/history.js';
import type {
  AppliedRecord,
  EventIdRecord,
  FinalRecord,
  HistoryRecord,
  RunRecord,
  SiteInfo,
  TargetRecord,
  VersionRecord,
} from '../../history/records.js';
import { compareVersions } from '../versions.js';

export interface Written {
  op: number;
  site: string;
  key: string;
  value?: string;
  f: 'put' | 'destroy';
  version: VersionRecord;
  eventId: EventIdRecord;
  createdAtMs: number;
}

const START_MS = 1_700_000_000_000;

/**
 * Hand-made histories for checker tests: sites `site1`, `site2`... (ids 1, 2...), one member
 * each (`site1-m1`...), region `data`, a serial sender from every site to every other. Writes
 * are applied at their origin at once; remote applications are whatever the test says.
 */
export class HistoryBuilder {
  nowMs = START_MS;
  readonly #records: HistoryRecord[] = [];
  readonly #run: RunRecord;
  readonly #seq = new Map<string, number>();
  readonly #threadSeq = new Map<string, number>();
  readonly #entryVersion = new Map<string, number>();
  readonly #state = new Map<
    string,
    Map<string, { value: unknown; version: VersionRecord; destroyed: boolean }>
  >();
  readonly #receipts: boolean;
  readonly #receiptSeq = new Map<string, number>();
  #op = 0;
  #fault = 0;

  constructor(
    options: {
      sites?: number;
      batchSize?: number;
      conflation?: boolean;
      orderPolicy?: string;
      /** Members keep receipt logs: `apply` also records a receipt, `discard` only one. */
      receipts?: boolean;
    } = {},
  ) {
    this.#receipts = options.receipts ?? false;
    const count = options.sites ?? 2;
    const ids = Array.from({ length: count }, (_, i) => i + 1);
    const sites: SiteInfo[] = ids.map((id) => ({
      name: `site${id}`,
      id,
      clockOffsetMs: 0,
      hasRegion: true,
      members: [
        {
          name: `site${id}-m1`,
          hasReceiver: true,
          senders: ids.filter((o) => o !== id).map((o) => `to-site${o}`),
        },
      ],
      senders: ids
        .filter((o) => o !== id)
        .map((o) => ({
          id: `to-site${o}`,
          remoteSiteId: o,
          parallel: false,
          batchSize: options.batchSize ?? 10,
          dispatcherThreads: 1,
          orderPolicy: options.orderPolicy ?? 'key',
          batchConflation: options.conflation ?? false,
        })),
    }));
    this.#run = {
      type: 'run',
      format: 1,
      experiment: 'hand-made',
      topology: 'hand-made',
      seed: 1,
      wallMs: this.nowMs,
      timeLimitMs: 10000,
      region: 'data',
      conflictRule: 'default',
      sites,
      checkers: [],
      schedule: [],
    };
    this.#records.push(this.#run);
    for (const site of sites) this.#state.set(site.name, new Map());
    for (const site of sites)
      this.#records.push({
        type: 'incarnation',
        member: `${site.name}-m1`,
        site: site.name,
        uid: this.uid(site.name),
        receipts: this.#receipts,
        wallMs: this.nowMs,
      });
  }

  /** Moves the clock; every record is stamped with it. */
  advance(ms: number): this {
    this.nowMs += ms;
    return this;
  }

  dsid(site: string): number {
    return Number(site.replace('site', ''));
  }

  uid(site: string): string {
    return `${site}-m1-u1`;
  }

  /** A write at `site`, acknowledged unless told otherwise, and applied there. */
  write(
    site: string,
    key: string,
    options: {
      value?: string;
      f?: 'put' | 'destroy';
      outcome?: 'ok' | 'fail' | 'unknown';
      timestamp?: number;
    } = {},
  ): Written {
    const f = options.f ?? 'put';
    const op = ++this.#op;
    const value = f === 'put' ? (options.value ?? `${key}-v${op}`) : undefined;
    const member = `${site}-m1`;
    this.#push({
      type: 'invoke',
      op,
      writer: 0,
      site,
      member,
      f,
      key,
      ...(value !== undefined ? { value } : {}),
      wallMs: this.nowMs,
    });
    const uid = this.uid(site);
    const entryVersion = (this.#entryVersion.get(`${site}|${key}`) ?? 0) + 1;
    this.#entryVersion.set(`${site}|${key}`, entryVersion);
    const version: VersionRecord = {
      timestamp: options.timestamp ?? this.nowMs,
      dsid: this.dsid(site),
      member: uid,
      entryVersion,
    };
    const seq = this.#threadSeq.get(uid) ?? 0;
    this.#threadSeq.set(uid, seq + 1);
    const eventId: EventIdRecord = { member: uid, thread: 0, seq };
    const written: Written = {
      op,
      site,
      key,
      ...(value !== undefined ? { value } : {}),
      f,
      version,
      eventId,
      createdAtMs: this.nowMs,
    };
    this.#applied(site, written, 'local', false);
    const outcome = options.outcome ?? 'ok';
    this.#push(
      outcome === 'ok'
        ? { type: 'ok', op, version, eventId, wallMs: this.nowMs }
        : { type: outcome, op, error: 'made up', wallMs: this.nowMs },
    );
    return written;
  }

  /** The write applied at another site (as its receiver would). */
  apply(
    site: string,
    written: Written,
    options: {
      possibleDuplicate?: boolean;
      appliedAtMs?: number;
      /**
       * As Geode: the receiving site stores the change under its own member and its own next
       * entry counter, keeping the timestamp and site id (AbstractRegionEntry.generateVersionTag).
       */
      restamp?: boolean;
    } = {},
  ): this {
    const applied = options.restamp ? this.#restamped(site, written) : written;
    if (this.#receipts) this.#received(site, applied, 'applied');
    this.#applied(site, applied, 'remote', options.possibleDuplicate ?? false, options.appliedAtMs);
    return this;
  }

  #restamped(site: string, written: Written): Written {
    const entryVersion = (this.#entryVersion.get(`${site}|${written.key}`) ?? 0) + 1;
    this.#entryVersion.set(`${site}|${written.key}`, entryVersion);
    return { ...written, version: { ...written.version, member: this.uid(site), entryVersion } };
  }

  /** The write arrived at another site's receiver, which discarded it (the WAN rule). */
  discard(site: string, written: Written): this {
    this.#received(site, written, 'discarded');
    return this;
  }

  /** A fault window from now for `durationMs`. */
  fault(
    kind: string,
    target: TargetRecord,
    durationMs: number,
    params: Record<string, number> = {},
  ): this {
    const id = ++this.#fault;
    this.#push({
      type: 'fault-start',
      fault: id,
      kind,
      target,
      params,
      requestedWallMs: this.nowMs,
      wallMs: this.nowMs,
    });
    this.#pendingEnds.push({ id, atMs: this.nowMs + durationMs });
    return this;
  }

  /** Ends every fault whose time has come (call after advancing). */
  heal(): this {
    for (const pending of this.#pendingEnds.splice(0)) {
      this.#push({
        type: 'fault-end',
        fault: pending.id,
        outcome: 'healed',
        requestedWallMs: pending.atMs,
        wallMs: pending.atMs,
      });
    }
    return this;
  }

  readonly #pendingEnds: Array<{ id: number; atMs: number }> = [];

  clock(site: string, offsetMs: number): this {
    this.#push({ type: 'clock', site, offsetMs, wallMs: this.nowMs });
    return this;
  }

  sample(queues: Record<string, number>): this {
    this.#push({ type: 'sample', queues, wallMs: this.nowMs });
    return this;
  }

  phase(phase: 'workload-start' | 'workload-end' | 'healed' | 'quiescent' | 'not-quiescent'): this {
    this.#push({ type: 'phase', phase, wallMs: this.nowMs });
    return this;
  }

  /** The final state of every site as its applied events left it (or as given). */
  finals(override: Record<string, FinalRecord['entries']> = {}): this {
    for (const [site, state] of this.#state) {
      const entries =
        override[site] ??
        [...state.entries()]
          .filter(([, e]) => !e.destroyed)
          .map(([key, e]) => ({ key, value: e.value, version: e.version }));
      this.#push({ type: 'final', site, member: `${site}-m1`, entries, wallMs: this.nowMs });
    }
    return this;
  }

  records(): HistoryRecord[] {
    return [...this.#records, { type: 'end', wallMs: this.nowMs }];
  }

  build(): History {
    this.heal();
    return buildHistory(this.records());
  }

  #push(record: HistoryRecord): void {
    this.#records.push(record);
  }

  #received(site: string, w: Written, outcome: string): void {
    const uid = this.uid(site);
    const seq = (this.#receiptSeq.get(uid) ?? 0) + 1;
    this.#receiptSeq.set(uid, seq);
    this.#push({
      type: 'received',
      site,
      member: `${site}-m1`,
      uid,
      seq,
      receivedAtMs: this.nowMs,
      fromDsid: this.dsid(w.site),
      outcome,
      event: this.#event(w, false),
      wallMs: this.nowMs,
    });
  }

  #event(w: Written, possibleDuplicate: boolean): AppliedRecord['event'] {
    return {
      region: 'data',
      key: w.key,
      op: w.f === 'put' ? 'update' : 'destroy',
      ...(w.value !== undefined ? { value: w.value } : {}),
      version: w.version,
      id: w.eventId,
      originDsid: this.dsid(w.site),
      possibleDuplicate,
      createdAtMs: w.createdAtMs,
    };
  }

  #applied(
    site: string,
    w: Written,
    source: 'local' | 'remote',
    possibleDuplicate: boolean,
    appliedAtMs?: number,
  ): void {
    const member = `${site}-m1`;
    const uid = this.uid(site);
    const seq = (this.#seq.get(uid) ?? 0) + 1;
    this.#seq.set(uid, seq);
    const record: AppliedRecord = {
      type: 'applied',
      site,
      member,
      uid,
      seq,
      appliedAtMs: appliedAtMs ?? this.nowMs,
      source,
      ...(source === 'remote' ? { fromDsid: this.dsid(w.site) } : {}),
      event: this.#event(w, possibleDuplicate),
      wallMs: this.nowMs,
    };
    this.#push(record);
    const state = this.#state.get(site)!;
    const current = state.get(w.key);
    if (!current || compareVersions(w.version, current.version, 'one-site') >= 0)
      state.set(w.key, { value: w.value, version: w.version, destroyed: w.f === 'destroy' });
  }
}

export const link = (from: string, to: string): TargetRecord => ({
  type: 'link',
  link: `${from}->${to}`,
  fromSite: from,
  toSite: to,
});
export const senderTarget = (site: string, sender: string): TargetRecord => ({
  type: 'sender',
  member: `${site}-m1`,
  sender,
  site,
});
