import type { FinalRecord, VersionRecord } from '../history/records.js';
import { indexOf, type HistoryIndex, type OkWrite } from './history-index.js';
import { lossWindows, windowFor } from './loss-windows.js';
import { ALL_FAULTS, describeFault, touchingFaults } from './relevance.js';
import { EVIDENCE_LIMIT, result, type Checker } from './verdict.js';
import { compareVersions, scopeOf, versionText, type VersionScope } from './versions.js';

const ACROSS: VersionScope = 'across-sites';

interface Loss {
  op: number;
  key: string;
  site: string;
  member?: string;
  wrote: string;
  found: string;
}

/**
 * BATCH-2: every acknowledged write is, at the end, present at every member of every site or
 * replaced by a later version (a later write or destroy, by the WAN rule's order); and it was
 * applied at every remote site unless a newer version from another site made it moot there, or
 * the sender conflates. Writes that a stopped sender drops (STOP-4, STOP-6) are counted as
 * documented losses, not failures.
 */
export const noLoss: Checker = (history) => {
  const index = indexOf(history);
  if (index.okWrites.length === 0)
    return result('no-loss', 'unknown', 'no write was acknowledged, so nothing could be lost');
  const touching = touchingFaults(index, ALL_FAULTS);
  const windows = lossWindows(index);
  const destroys = destroyVersions(index);
  const lost: Loss[] = [];
  const undelivered: Loss[] = [];
  const documented: Array<Loss & { fault: string }> = [];
  let superseded = 0;
  let uncertain = 0;
  for (const write of index.okWrites) {
    for (const site of index.sites) {
      const window = site.name === write.site ? undefined : windowFor(windows, write, site.name);
      for (const final of index.finalsOf(site.name)) {
        const state = stateAt(index, final, write, destroys.get(write.key) ?? []);
        if (state === 'superseded') superseded++;
        if (state !== 'lost') continue;
        const loss = lossOf(index, write, site.name, final);
        if (window) documented.push({ ...loss, fault: describeFault(window.fault) });
        else lost.push(loss);
      }
      if (site.name === write.site || index.deliveredAt(site.name, write.eventId)) continue;
      if (conflates(index, write.site)) continue;
      if (!index.keepsReceipts(site.name) && mootAt(index, site.name, write)) continue;
      if (window)
        documented.push({
          ...lossOf(index, write, site.name),
          found: 'never applied',
          fault: describeFault(window.fault),
        });
      else if (index.isIncomplete(site.name)) uncertain++;
      else undelivered.push({ ...lossOf(index, write, site.name), found: 'never applied' });
    }
  }
  const evidence = {
    acknowledgedWrites: index.okWrites.length,
    superseded,
    lost: lost.length,
    undelivered: undelivered.length,
    documentedLosses: documented.length,
    uncertain,
    recoveredUnknownWrites: recovered(index),
    faultsThatTouched: touching.map(describeFault),
    ...(lost.length > 0 ? { lostExamples: lost.slice(0, EVIDENCE_LIMIT) } : {}),
    ...(undelivered.length > 0
      ? { undeliveredExamples: undelivered.slice(0, EVIDENCE_LIMIT) }
      : {}),
    ...(documented.length > 0 ? { documentedExamples: documented.slice(0, EVIDENCE_LIMIT) } : {}),
  };
  if (lost.length > 0 || undelivered.length > 0) {
    return result(
      'no-loss',
      'fail',
      `${lost.length} acknowledged writes missing at the end and ${undelivered.length} never applied at a remote site`,
      evidence,
    );
  }
  if (touching.length === 0)
    return result('no-loss', 'unknown', 'nothing was lost, but no fault touched the run', evidence);
  const note =
    documented.length > 0 ? `; ${documented.length} losses inside documented loss windows` : '';
  return result(
    'no-loss',
    'pass',
    `all ${index.okWrites.length} acknowledged writes present or superseded everywhere${note}`,
    evidence,
  );
};

type State = 'present' | 'superseded' | 'lost';

function stateAt(
  index: HistoryIndex,
  final: FinalRecord,
  write: OkWrite,
  destroys: SitedVersion[],
): State {
  const entry = index.entryIn(final, write.key);
  const scope = scopeOf(final.site, write.site);
  if (entry) {
    const order = compareVersions(entry.version, write.version, scope);
    if (order > 0) return 'superseded';
    return order === 0 && write.f === 'put' ? 'present' : 'lost';
  }
  if (write.f === 'destroy') return 'present';
  return destroys.some(
    (d) => compareVersions(d.version, write.version, scopeOf(d.site, write.site)) > 0,
  )
    ? 'superseded'
    : 'lost';
}

function lossOf(index: HistoryIndex, write: OkWrite, site: string, final?: FinalRecord): Loss {
  const entry = final ? index.entryIn(final, write.key) : undefined;
  return {
    op: write.op,
    key: write.key,
    site,
    ...(final ? { member: final.member } : {}),
    wrote: `${write.f} ${versionText(write.version)} at ${write.site}`,
    found: entry ? versionText(entry.version) : '(absent)',
  };
}

/** A version and the site where it was read (its entry counter is that site's). */
interface SitedVersion {
  version: VersionRecord;
  site: string;
}

/** Versions of every destroy seen anywhere, by key. */
function destroyVersions(index: HistoryIndex): Map<string, SitedVersion[]> {
  const byKey = new Map<string, SitedVersion[]>();
  const add = (key: string, version: VersionRecord, site: string): void => {
    byKey.set(key, [...(byKey.get(key) ?? []), { version, site }]);
  };
  for (const records of index.appliedBySite.values())
    for (const r of records)
      if (r.event.op === 'destroy') add(r.event.key, r.event.version, r.site);
  for (const op of index.history.ops)
    if (op.f === 'destroy' && op.version) add(op.key, op.version, op.site);
  return byKey;
}

/**
 * Without receipts, a write missing from a remote site's applied events may have been
 * discarded there (it held a newer version from elsewhere): give it the benefit of the doubt.
 * With receipts a discarded event is seen as received, so this guess is not needed.
 */
function mootAt(index: HistoryIndex, site: string, write: OkWrite): boolean {
  const origin = index.site(write.site)?.id;
  return index
    .appliedFor(site, write.key)
    .some(
      (r) =>
        r.event.originDsid !== origin &&
        compareVersions(r.event.version, write.version, ACROSS) > 0,
    );
}

function conflates(index: HistoryIndex, site: string): boolean {
  return index.site(site)?.senders.some((s) => s.batchConflation) ?? false;
}

/** Writes whose outcome was unknown but which were applied: they did happen. */
function recovered(index: HistoryIndex): number {
  return index.history.ops.filter(
    (op) =>
      op.outcome === 'unknown' &&
      op.f === 'put' &&
      index
        .appliedFor(op.site, op.key)
        .some((r) => r.source === 'local' && r.event.value === op.value),
  ).length;
}
