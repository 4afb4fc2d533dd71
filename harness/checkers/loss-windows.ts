import type { FaultWindow, Operation } from '../history/history.js';
import type { HistoryIndex } from './history-index.js';

/** When writes bound for `remoteSite` may be lost as documented (STOP-4, STOP-6). */
export interface LossWindow {
  fault: FaultWindow;
  /** The site the stopped sender sends to. */
  remoteSite: string;
  fromWallMs: number;
  untilWallMs: number;
}

/**
 * A stopped sender drops its queue and what arrives while it is stopped. The window runs from
 * the last moment its queue was seen empty before the stop (everything older was delivered)
 * to its restart.
 */
export function lossWindows(index: HistoryIndex): LossWindow[] {
  return index.history.faults.flatMap((fault) => {
    if (fault.kind !== 'sender-stop' || fault.target.type !== 'sender') return [];
    const name = `${fault.target.member}/${fault.target.sender}`;
    const remote = index.sender(fault.target.member, fault.target.sender)?.remote;
    if (!remote) return [];
    const emptyBefore = index.history.samples
      .filter((s) => s.wallMs <= fault.requestedWallMs && s.queues[name] === 0)
      .map((s) => s.wallMs);
    return [
      {
        fault,
        remoteSite: remote.name,
        fromWallMs: emptyBefore.length > 0 ? Math.max(...emptyBefore) : index.history.run.wallMs,
        untilWallMs: fault.endWallMs,
      },
    ];
  });
}

/** The loss window, if any, that covers a write on its way to `site`. */
export function windowFor(
  windows: LossWindow[],
  write: Pick<Operation, 'site' | 'invokeWallMs' | 'completeWallMs'>,
  site: string,
): LossWindow | undefined {
  if (write.site === site) return undefined;
  return windows.find(
    (w) =>
      w.remoteSite === site &&
      write.invokeWallMs <= w.untilWallMs &&
      (write.completeWallMs ?? write.invokeWallMs) >= w.fromWallMs,
  );
}

/** The loss window, if any, in which the key was written on its way to one of the sites. */
export function keyLossWindow(
  index: HistoryIndex,
  windows: LossWindow[],
  key: string,
  sites: string[],
): LossWindow | undefined {
  if (windows.length === 0) return undefined;
  for (const op of index.history.ops) {
    if (op.key !== key || op.outcome === 'fail') continue;
    for (const site of sites) {
      const window = windowFor(windows, op, site);
      if (window) return window;
    }
  }
  return undefined;
}
