import type { FaultWindow } from '../history/history.js';
import { indexOf, type HistoryIndex } from './history-index.js';
import { describeFault } from './relevance.js';
import { result, type Checker } from './verdict.js';

interface PauseWindow {
  fault: string;
  sender: string;
  batchSize: number;
  writesWhilePaused: number;
  appliedWhilePaused: number;
}

/**
 * PAUSE-1, PAUSE-4: while a sender is paused, at most one batch (the one already on its way)
 * reaches the remote site. Counts the events from the paused sender's site applied at the
 * remote site between the moment the pause took effect and the moment resume was asked for.
 * A pause during which nothing was written proves nothing; parallel senders are not judged
 * (their events cannot be told apart from the other members').
 */
export const pauseBound: Checker = (history) => {
  const index = indexOf(history);
  const windows: PauseWindow[] = [];
  let parallel = 0;
  for (const fault of history.faults) {
    if (fault.kind !== 'sender-pause' || fault.target.type !== 'sender') continue;
    const sender = index.sender(fault.target.member, fault.target.sender);
    if (!sender?.remote) continue;
    if (sender.info.parallel) {
      parallel++;
      continue;
    }
    const window = judge(index, fault, sender.site.name, sender.remote.name, sender.info.batchSize);
    if (window.writesWhilePaused > 0) windows.push(window);
  }
  const exceeded = windows.filter((w) => w.appliedWhilePaused > w.batchSize);
  const evidence = { pauses: windows, parallelPausesNotJudged: parallel };
  if (exceeded.length > 0)
    return result(
      'pause-bound',
      'fail',
      `${exceeded.length} pauses let more than one batch through (${exceeded.map((w) => `${w.appliedWhilePaused} > ${w.batchSize}`).join(', ')})`,
      evidence,
    );
  if (windows.length === 0)
    return result(
      'pause-bound',
      'unknown',
      'no serial sender was paused while the workload wrote at its site',
      evidence,
    );
  return result(
    'pause-bound',
    'pass',
    `${windows.length} pauses let at most one batch through`,
    evidence,
  );
};

function judge(
  index: HistoryIndex,
  fault: FaultWindow,
  site: string,
  remote: string,
  batchSize: number,
): PauseWindow {
  const from = fault.startWallMs;
  const until = fault.healRequestedWallMs;
  const siteId = index.site(site)!.id;
  const applied = (index.appliedBySite.get(remote) ?? []).filter((r) => {
    if (r.source === 'local' || r.fromDsid !== siteId) return false;
    const at = index.realTime.of(remote, r.appliedAtMs);
    return at > from && at < until;
  });
  const writes = index.history.ops.filter(
    (op) =>
      op.site === site &&
      op.outcome !== 'fail' &&
      op.invokeWallMs >= from &&
      op.invokeWallMs < until,
  );
  return {
    fault: describeFault(fault),
    sender: `${site}: ${fault.target.type === 'sender' ? fault.target.sender : '?'}`,
    batchSize,
    writesWhilePaused: writes.length,
    appliedWhilePaused: new Set(
      applied.map((r) => `${r.event.id.member}/${r.event.id.thread}/${r.event.id.seq}`),
    ).size,
  };
}
