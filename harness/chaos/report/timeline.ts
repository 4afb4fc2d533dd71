import { indexOf } from '../../checkers/history-index.js';
import { lagSamples } from '../../checkers/lag.js';
import type { History } from '../../history/history.js';

/** Times are ms after the run header; series are what report.html draws. */
export interface Timeline {
  durationMs: number;
  queues: Array<{ sender: string; points: Array<[number, number]> }>;
  lag: Array<{ site: string; points: Array<[number, number]> }>;
  faults: Array<{
    id: number;
    kind: string;
    target: string;
    fromMs: number;
    toMs: number;
    healed: boolean;
  }>;
  phases: Record<string, number>;
  /** Completed operations per second of the run, by outcome. */
  throughput: Array<{ second: number; ok: number; fail: number; unknown: number }>;
  /** Latency of the operations that completed (ok or fail) in each second of the run. */
  latency: Array<{ second: number; count: number; p50Ms: number; p99Ms: number; maxMs: number }>;
}

export function timelineOf(history: History): Timeline {
  const t0 = history.run.wallMs;
  const rel = (wallMs: number): number => Math.max(0, Math.round(wallMs - t0));
  const queues = new Map<string, Array<[number, number]>>();
  for (const sample of history.samples) {
    for (const [sender, size] of Object.entries(sample.queues)) {
      const points = queues.get(sender) ?? [];
      points.push([rel(sample.wallMs), size]);
      queues.set(sender, points);
    }
  }
  const lag = new Map<string, Array<[number, number]>>();
  for (const sample of lagSamples(indexOf(history))) {
    const points = lag.get(sample.site) ?? [];
    points.push([rel(sample.wroteWallMs), sample.lagMs]);
    lag.set(sample.site, points);
  }
  return {
    durationMs: rel(history.endWallMs),
    queues: [...queues].map(([sender, points]) => ({ sender, points })),
    lag: [...lag].map(([site, points]) => ({ site, points })),
    faults: history.faults.map((f) => ({
      id: f.id,
      kind: f.kind,
      target: targetText(f.target),
      fromMs: rel(f.startWallMs),
      toMs: rel(f.endWallMs),
      healed: f.healed,
    })),
    phases: Object.fromEntries(
      Object.entries(history.phases).map(([phase, at]) => [phase, rel(at)]),
    ),
    throughput: throughputOf(history, rel),
    latency: latencyOf(history, rel),
  };
}

function throughputOf(history: History, rel: (wallMs: number) => number): Timeline['throughput'] {
  const seconds = new Map<number, { second: number; ok: number; fail: number; unknown: number }>();
  for (const op of history.ops) {
    const second = Math.floor(rel(op.completeWallMs ?? op.invokeWallMs) / 1000);
    const bucket = seconds.get(second) ?? { second, ok: 0, fail: 0, unknown: 0 };
    bucket[op.outcome]++;
    seconds.set(second, bucket);
  }
  return [...seconds.values()].sort((a, b) => a.second - b.second);
}

function latencyOf(history: History, rel: (wallMs: number) => number): Timeline['latency'] {
  const seconds = new Map<number, number[]>();
  for (const op of history.ops) {
    // an unknown operation's end is when the harness gave up on it, not a latency
    if (op.completeWallMs === undefined || op.outcome === 'unknown') continue;
    const second = Math.floor(rel(op.completeWallMs) / 1000);
    seconds.set(second, [...(seconds.get(second) ?? []), op.completeWallMs - op.invokeWallMs]);
  }
  return [...seconds.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, latencies]) => {
      const sorted = latencies.sort((a, b) => a - b);
      const at = (q: number): number =>
        sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
      return {
        second,
        count: sorted.length,
        p50Ms: at(0.5),
        p99Ms: at(0.99),
        maxMs: sorted.at(-1)!,
      };
    });
}

function targetText(t: History['faults'][number]['target']): string {
  switch (t.type) {
    case 'link':
      return t.link;
    case 'site':
      return t.site;
    case 'member':
      return t.member;
    case 'sender':
      return `${t.member}/${t.sender}`;
  }
}
