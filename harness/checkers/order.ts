import type { AppliedRecord } from '../history/records.js';
import { indexOf, type HistoryIndex } from './history-index.js';
import { ALL_FAULTS, describeFault, touchingFaults } from './relevance.js';
import { EVIDENCE_LIMIT, result, type Checker } from './verdict.js';
import { eventIdText } from './versions.js';

interface Reorder {
  site: string;
  member: string;
  stream: string;
  applied: string;
  after: string;
}

/**
 * SEND-4, SEND-7, SEND-8: at every remote member, the events of one ordering stream are
 * applied in the order their origin applied them. The stream follows the origin site's order
 * policy: `key` (one key of one origin member), `thread` (one origin thread) or `partition`
 * (one bucket). Where the engine keeps receipts, arrival order is judged (events the WAN rule
 * discarded included). An event applied twice is the duplicates checker's business.
 */
export const order: Checker = (history) => {
  const index = indexOf(history);
  const rank = originRanks(index);
  const reorders: Reorder[] = [];
  let compared = 0;
  let unranked = 0;
  for (const site of index.sites) {
    for (const arrivals of arrivalsPerIncarnation(index, site.name)) {
      const last = new Map<string, { rank: number; id: string }>();
      const seen = new Set<string>();
      for (const arrival of arrivals) {
        const id = eventIdText(arrival.event.id);
        if (seen.has(id)) continue;
        seen.add(id);
        const position = rankOf(index, rank, arrival);
        if (position === undefined) {
          unranked++;
          continue;
        }
        const stream = streamOf(index, arrival);
        const previous = last.get(stream);
        compared++;
        if (previous && position < previous.rank) {
          reorders.push({
            site: site.name,
            member: arrival.member,
            stream,
            applied: id,
            after: previous.id,
          });
          continue;
        }
        last.set(stream, { rank: position, id });
      }
    }
  }
  const touching = touchingFaults(index, ALL_FAULTS);
  const evidence = {
    compared,
    unranked,
    reorders: reorders.length,
    faultsThatTouched: touching.map(describeFault),
    ...(reorders.length > 0 ? { examples: reorders.slice(0, EVIDENCE_LIMIT) } : {}),
  };
  if (reorders.length > 0)
    return result(
      'order',
      'fail',
      `${reorders.length} events arrived after a later event of their stream`,
      evidence,
    );
  if (compared === 0)
    return result(
      'order',
      'unknown',
      'no remote event could be placed in its origin order',
      evidence,
    );
  if (touching.length === 0)
    return result(
      'order',
      'unknown',
      `${compared} remote events in order, but no fault touched the run`,
      evidence,
    );
  return result(
    'order',
    'pass',
    `${compared} remote events arrived in their origin's order`,
    evidence,
  );
};

/** What arrived from other sites, per member incarnation, in arrival order. */
type Arrival = Pick<AppliedRecord, 'member' | 'event'>;

/**
 * Per member incarnation, the events that came from other sites in the order they arrived:
 * its receipts when it keeps them (discarded events included: an older event arriving after
 * a newer one is discarded by the WAN rule and would not show among applied events), else
 * its applied remote events.
 */
function arrivalsPerIncarnation(index: HistoryIndex, site: string): Arrival[][] {
  const byUid = new Map<string, AppliedRecord[]>();
  for (const record of index.appliedBySite.get(site) ?? []) {
    if (record.source === 'local') continue;
    byUid.set(record.uid, [...(byUid.get(record.uid) ?? []), record]);
  }
  const uids = new Set([
    ...byUid.keys(),
    ...[...index.receiptsByUid].filter(([, r]) => r[0]?.site === site).map(([uid]) => uid),
  ]);
  return [...uids].map((uid) => {
    const receipts = index.receiptsByUid.get(uid);
    const list: Array<Arrival & { seq: number }> = receipts ?? byUid.get(uid) ?? [];
    return [...list].sort((a, b) => a.seq - b.seq);
  });
}

/** Where each event stands in the applied log of the member (incarnation) that created it. */
function originRanks(index: HistoryIndex): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const records of index.appliedBySite.values())
    for (const r of records)
      if (r.uid === r.event.id.member) ranks.set(eventIdText(r.event.id), r.seq);
  return ranks;
}

function policyOf(index: HistoryIndex, record: Arrival): string {
  const origin = index.siteById(record.event.originDsid);
  return origin?.senders[0]?.orderPolicy ?? 'key';
}

function rankOf(
  index: HistoryIndex,
  ranks: Map<string, number>,
  record: Arrival,
): number | undefined {
  if (policyOf(index, record) === 'thread') return record.event.id.seq;
  return ranks.get(eventIdText(record.event.id));
}

function streamOf(index: HistoryIndex, record: Arrival): string {
  const { id, key } = record.event;
  const bucket = (record.event as { bucket?: number }).bucket;
  switch (policyOf(index, record)) {
    case 'thread':
      return `${id.member}/thread ${id.thread}`;
    case 'partition':
      return `${id.member}/bucket ${bucket ?? key}`;
    default:
      return `${id.member}/key ${key}`;
  }
}
