import type { History } from '../history/history.js';
import type { AppliedRecord } from '../history/records.js';
import { indexOf } from './history-index.js';
import { describeFault, RESEND_FAULTS, touchingFaults } from './relevance.js';
import { EVIDENCE_LIMIT, result, type Checker } from './verdict.js';
import { eventIdText } from './versions.js';

interface Duplicate {
  site: string;
  member: string;
  event: string;
  key: string;
  times: number;
  flagged: boolean;
}

/**
 * BATCH-2: an event may be delivered more than once only after a failure, and then it is
 * flagged possibleDuplicate. Counts the events one member incarnation applied more than once;
 * every repeat must carry the flag. Repeats at one site through different members (several
 * paths, DIST-3) are counted as evidence.
 */
export const duplicates: Checker = (history) => {
  const index = indexOf(history);
  const found: Duplicate[] = [];
  let remoteApplies = 0;
  let siteRepeats = 0;
  for (const site of index.sites) {
    const records = index.appliedBySite.get(site.name) ?? [];
    remoteApplies += records.filter((r) => r.source !== 'local').length;
    found.push(...repeatsWithin(site.name, records));
    siteRepeats += repeatsAcrossMembers(records);
  }
  const unflagged = found.filter((d) => !d.flagged);
  const touching = touchingFaults(index, RESEND_FAULTS);
  const evidence = {
    remoteApplies,
    ...receiverCounters(history),
    duplicates: found.length,
    flagged: found.length - unflagged.length,
    unflagged: unflagged.length,
    sameSiteOtherMember: siteRepeats,
    faultsThatTouched: touching.map(describeFault),
    ...(found.length > 0
      ? { examples: (unflagged.length > 0 ? unflagged : found).slice(0, EVIDENCE_LIMIT) }
      : {}),
  };
  if (unflagged.length > 0)
    return result(
      'duplicates',
      'fail',
      `${unflagged.length} events applied again without the possibleDuplicate flag`,
      evidence,
    );
  if (remoteApplies === 0)
    return result('duplicates', 'unknown', 'no remote event was applied', evidence);
  if (touching.length === 0)
    return result(
      'duplicates',
      'unknown',
      `${found.length} duplicates, but no connection-breaking fault touched the run`,
      evidence,
    );
  return result(
    'duplicates',
    'pass',
    found.length === 0
      ? 'no event applied twice'
      : `${found.length} events applied again, all flagged possibleDuplicate`,
    evidence,
  );
};

/** What the receivers say they received flagged and dropped as duplicates (engine counters). */
function receiverCounters(history: History): Record<string, number> {
  const sum = (name: string): number =>
    history.stats.reduce((n, s) => n + (s.receiver?.[name] ?? 0), 0);
  if (!history.stats.some((s) => s.receiver)) return {};
  return {
    possibleDuplicatesReceived: sum('possibleDuplicatesReceived'),
    duplicatesDroppedByReceivers: sum('duplicatesDropped'),
  };
}

function repeatsWithin(site: string, records: AppliedRecord[]): Duplicate[] {
  const byMember = new Map<string, Map<string, AppliedRecord[]>>();
  for (const record of records) {
    const events = byMember.get(record.uid) ?? new Map<string, AppliedRecord[]>();
    byMember.set(record.uid, events);
    const id = eventIdText(record.event.id);
    events.set(id, [...(events.get(id) ?? []), record]);
  }
  return [...byMember.values()].flatMap((events) =>
    [...events.entries()]
      .filter(([, applied]) => applied.length > 1)
      .map(([id, applied]) => ({
        site,
        member: applied[0]!.member,
        event: id,
        key: applied[0]!.event.key,
        times: applied.length,
        flagged: applied.slice(1).every((r) => r.event.possibleDuplicate),
      })),
  );
}

function repeatsAcrossMembers(records: AppliedRecord[]): number {
  const members = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.source === 'local') continue;
    const id = eventIdText(record.event.id);
    members.set(id, (members.get(id) ?? new Set()).add(record.member));
  }
  return [...members.values()].filter((m) => m.size > 1).length;
}
