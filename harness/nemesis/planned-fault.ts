import type { FaultKind, FaultTarget, ToxicStream } from '../experiment/model.js';

/** One fault of a run's schedule, with every random choice already made. */
export interface PlannedFault {
  /** 1, 2, 3... in start order. */
  id: number;
  kind: FaultKind;
  target: FaultTarget;
  /** Toxics only: which direction of the connections it acts on. */
  stream?: ToxicStream;
  params: Record<string, number>;
  /** When it starts, in ms after the workload starts. */
  startMs: number;
  /** How long until it is healed; 0 for an instantaneous operation (rebalance). */
  durationMs: number;
}

/** Faults that are one operation with nothing to heal. */
export function isInstantaneous(kind: FaultKind): boolean {
  return kind === 'rebalance';
}
