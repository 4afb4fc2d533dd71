import { describeTarget } from '../experiment/model.js';
import type { PlannedFault } from '../nemesis/planned-fault.js';
import type { WorkloadCounts } from '../workload/workload.js';

/** What a run shows while it goes on. */
export interface Progress {
  phase: 'running' | 'healing' | 'converging' | 'checking';
  elapsedMs: number;
  timeLimitMs: number;
  counts: WorkloadCounts;
  opsPerS: number;
  queues: Record<string, number>;
  lagP50Ms?: number;
  activeFaults: PlannedFault[];
}

/** One line: time left, throughput, outcomes, queue depths, lag, active faults. */
export function progressLine(p: Progress): string {
  const left = Math.max(0, Math.ceil((p.timeLimitMs - p.elapsedMs) / 1000));
  const head = p.phase === 'running' ? `${left}s left` : p.phase;
  const queues = Object.entries(p.queues)
    .map(([name, size]) => `${name}=${size}`)
    .join(' ');
  const faults =
    p.activeFaults.map((f) => `${f.kind} ${describeTarget(f.target)}`).join(', ') || 'none';
  const { ok, fail, unknown } = p.counts;
  return [
    head,
    `${Math.round(p.opsPerS)} ops/s (ok ${ok} fail ${fail} unknown ${unknown})`,
    `queues ${queues || '-'}`,
    `lag p50 ${p.lagP50Ms === undefined ? '-' : `${p.lagP50Ms}ms`}`,
    `faults: ${faults}`,
  ].join(' | ');
}
