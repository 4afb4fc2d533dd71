import type { FaultWindow } from '../history/history.js';
import type { HistoryIndex } from './history-index.js';

/** Fault kinds that break connections, so batches are sent again (BATCH-2, BATCH-4). */
export const RESEND_FAULTS = [
  'link-down',
  'blackhole',
  'reset-peer',
  'limit-data',
  'slow-close',
  'partition-site',
  'member-kill',
  'member-stop',
  'member-freeze',
  'receiver-stop',
] as const;

/** Every fault kind the nemesis knows. */
export const ALL_FAULTS = [
  ...RESEND_FAULTS,
  'latency',
  'bandwidth',
  'slicer',
  'clock-skew',
  'sender-pause',
  'sender-stop',
  'rebalance',
] as const;

/**
 * Faults of these kinds that touched the run: while they were active, the workload wrote at
 * a site whose traffic they act on, or such a site's sender queue held events. A fault on an
 * idle link proves nothing; a checker whose faults never touched the run says unknown.
 */
export function touchingFaults(index: HistoryIndex, kinds: readonly string[]): FaultWindow[] {
  return index.history.faults.filter(
    (fault) => kinds.includes(fault.kind) && touched(index, fault),
  );
}

function touched(index: HistoryIndex, fault: FaultWindow): boolean {
  const origins = originSites(fault);
  const from = fault.requestedWallMs;
  const until = Math.max(fault.endWallMs, fault.startWallMs + 1);
  const wrote = index.history.ops.some(
    (op) =>
      op.outcome !== 'fail' &&
      (origins === 'any' || origins.includes(op.site)) &&
      op.invokeWallMs <= until &&
      (op.completeWallMs ?? op.invokeWallMs) >= from,
  );
  if (wrote) return true;
  return index.history.samples.some(
    (sample) =>
      sample.wallMs >= from &&
      sample.wallMs <= until &&
      Object.entries(sample.queues).some(
        ([name, size]) =>
          size > 0 && (origins === 'any' || origins.includes(index.siteOf(name.split('/')[0]!))),
      ),
  );
}

/** Sites whose outgoing traffic the fault acts on. */
function originSites(fault: FaultWindow): string[] | 'any' {
  switch (fault.target.type) {
    case 'link':
      return [fault.target.fromSite];
    case 'sender':
      return [fault.target.site];
    default:
      return 'any';
  }
}

export function describeFault(fault: FaultWindow): string {
  const t = fault.target;
  const target =
    t.type === 'link'
      ? t.link
      : t.type === 'site'
        ? t.site
        : t.type === 'member'
          ? t.member
          : `${t.member}/${t.sender}`;
  return `#${fault.id} ${fault.kind} ${target}`;
}
