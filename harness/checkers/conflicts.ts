import type { AppliedRecord, VersionRecord } from '../history/records.js';
import { indexOf, type HistoryIndex, type OkWrite } from './history-index.js';
import { keyLossWindow, lossWindows } from './loss-windows.js';
import { EVIDENCE_LIMIT, result, type Checker } from './verdict.js';
import { compareVersions, sameVersion, versionText, type VersionScope } from './versions.js';

/**
 * The WAN rule orders versions of different sites: by timestamp and site id only (a version's
 * entry counter is the site's where it was read; versions.ts).
 */
const ACROSS: VersionScope = 'across-sites';

interface Creation {
  version: VersionRecord;
  op: string;
  value: unknown;
  site: string;
}

interface WrongWinner {
  key: string;
  member: string;
  expected: string;
  found: string;
}

/**
 * CONS-4 (CONS-5 with skewed clocks): for every key written at two or more sites, every member
 * of every site ends with the version the default WAN rule makes win: the latest timestamp,
 * then the higher distributed-system-id. Writes that lost to an earlier one in real time
 * (skewed clocks, CONS-5) are counted as evidence.
 */
export const conflicts: Checker = (history) => {
  const index = indexOf(history);
  if (history.run.conflictRule !== 'default')
    return result(
      'conflicts',
      'unknown',
      `the region uses resolver "${history.run.conflictRule}", whose winners this checker cannot predict`,
    );
  const creations = creationsByKey(index);
  const contested = [...creations.entries()].filter(
    ([, list]) => new Set(list.map((c) => c.site)).size > 1,
  );
  const wrong: WrongWinner[] = [];
  const windows = lossWindows(index);
  let documented = 0;
  let unpredictable = 0;
  for (const [key, list] of contested) {
    const winner = list.reduce((best, c) =>
      compareVersions(c.version, best.version, ACROSS) > 0 ? c : best,
    );
    for (const final of index.sites.flatMap((s) => index.finalsOf(s.name))) {
      const entry = index.entryIn(final, key);
      if (entry && compareVersions(entry.version, winner.version, ACROSS) > 0) {
        unpredictable++;
        continue;
      }
      const ok =
        winner.op === 'destroy'
          ? !entry
          : !!entry && sameVersion(entry.version, winner.version, ACROSS);
      if (ok) continue;
      // A write lost on its way to this site while a sender was stopped (STOP-4): documented.
      if (keyLossWindow(index, windows, key, [final.site])) {
        documented++;
        continue;
      }
      wrong.push({
        key,
        member: final.member,
        expected:
          winner.op === 'destroy'
            ? `(destroyed by ${versionText(winner.version)})`
            : versionText(winner.version),
        found: entry ? versionText(entry.version) : '(absent)',
      });
    }
  }
  const laterWriteLost = laterWritesLost(index);
  const evidence = {
    contestedKeys: contested.length,
    wrongWinners: wrong.length,
    documentedWrongWinners: documented,
    unpredictable,
    laterWriteLost,
    ...(wrong.length > 0 ? { examples: wrong.slice(0, EVIDENCE_LIMIT) } : {}),
  };
  if (wrong.length > 0)
    return result(
      'conflicts',
      'fail',
      `${wrong.length} members hold a version the WAN rule does not make win`,
      evidence,
    );
  if (contested.length === 0)
    return result(
      'conflicts',
      'unknown',
      'no key was written at two sites, so no conflict was resolved',
      evidence,
    );
  if (history.finals.length === 0)
    return result('conflicts', 'unknown', 'no final state was read', evidence);
  return result(
    'conflicts',
    'pass',
    `${contested.length} contested keys end with the rule's winner everywhere`,
    evidence,
  );
};

/**
 * Every version created for each key, with its origin site, from wherever it was applied: a
 * killed member's applied log since the observer's last read is gone, but its writes that
 * reached other members or sites still count.
 */
function creationsByKey(index: HistoryIndex): Map<string, Creation[]> {
  const byKey = new Map<string, Creation[]>();
  const add = (record: AppliedRecord): void => {
    const { key, version, op, value, originDsid } = record.event;
    const list = byKey.get(key) ?? [];
    if (list.some((c) => sameVersion(c.version, version, ACROSS))) return;
    list.push({ version, op, value, site: index.siteById(originDsid)?.name ?? record.site });
    byKey.set(key, list);
  };
  for (const records of index.appliedBySite.values()) for (const r of records) add(r);
  return byKey;
}

/**
 * CONS-5's "a later write can lose": acknowledged writes made after another site's write of
 * the same key had been acknowledged, yet ordered before it by the WAN rule (its timestamp is
 * older: the writing site's clock is behind, or the other's ahead).
 */
function laterWritesLost(index: HistoryIndex): number {
  const byKey = new Map<string, OkWrite[]>();
  for (const write of index.okWrites)
    byKey.set(write.key, [...(byKey.get(write.key) ?? []), write]);
  let lost = 0;
  for (const writes of byKey.values()) {
    for (const write of writes) {
      const overtaken = writes.some(
        (earlier) =>
          earlier.site !== write.site &&
          (earlier.completeWallMs ?? Infinity) < write.invokeWallMs &&
          compareVersions(write.version, earlier.version, ACROSS) < 0,
      );
      if (overtaken) lost++;
    }
  }
  return lost;
}
