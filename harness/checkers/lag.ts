import { indexOf, type HistoryIndex } from './history-index.js';
import { result, type Checker } from './verdict.js';

export interface LagSample {
  /** Wall time the write was applied at its origin. */
  wroteWallMs: number;
  site: string;
  lagMs: number;
}

/**
 * Replication lag of every event, from its write at the origin to its first application at each remote
 * site (both on the harness's clock, site clock offsets taken out), with p50/p99/max; and the
 * time the sites took to converge (queues empty) after the final heal. Pass unless a bound
 * the experiment set is exceeded.
 */
export const lag: Checker = (history, setting) => {
  const index = indexOf(history);
  const samples = lagSamples(index);
  const healed = history.phases.healed;
  const quiescent = history.phases.quiescent;
  const timeToConvergeMs =
    healed !== undefined && quiescent !== undefined ? quiescent - healed : undefined;
  const lags = samples.map((s) => s.lagMs).sort((a, b) => a - b);
  const stats = {
    samples: lags.length,
    p50Ms: percentile(lags, 0.5),
    p99Ms: percentile(lags, 0.99),
    maxMs: lags.length > 0 ? lags[lags.length - 1] : undefined,
    timeToConvergeMs,
    ...(setting.maxP99Ms !== undefined ? { maxP99Ms: setting.maxP99Ms } : {}),
    ...(setting.maxTimeToConvergeMs !== undefined
      ? { maxTimeToConvergeMs: setting.maxTimeToConvergeMs }
      : {}),
  };
  if (lags.length === 0)
    return result('lag', 'unknown', 'no write was applied at a remote site', stats);
  const over: string[] = [];
  if (setting.maxP99Ms !== undefined && stats.p99Ms! > setting.maxP99Ms)
    over.push(`p99 ${stats.p99Ms} ms > ${setting.maxP99Ms} ms`);
  if (
    setting.maxTimeToConvergeMs !== undefined &&
    (timeToConvergeMs ?? Infinity) > setting.maxTimeToConvergeMs
  )
    over.push(
      `time to converge ${timeToConvergeMs ?? 'never'} > ${setting.maxTimeToConvergeMs} ms`,
    );
  const text = `lag p50 ${stats.p50Ms} ms, p99 ${stats.p99Ms} ms, max ${stats.maxMs} ms; converged ${timeToConvergeMs === undefined ? 'never' : `${timeToConvergeMs} ms`} after the heal`;
  return over.length > 0
    ? result('lag', 'fail', `${text}: ${over.join(', ')}`, stats)
    : result('lag', 'pass', text, stats);
};

/** One sample per (acknowledged write, remote site that applied it). */
export function lagSamples(index: HistoryIndex): LagSample[] {
  const firstApplied = new Map<string, number>();
  const created = new Map<string, number>();
  for (const [site, records] of index.appliedBySite) {
    for (const r of records) {
      const id = `${r.event.id.member}/${r.event.id.thread}/${r.event.id.seq}`;
      const at = index.realTime.of(site, r.appliedAtMs);
      const originSite = index.siteById(r.event.originDsid)?.name ?? site;
      if (!created.has(id)) created.set(id, index.realTime.of(originSite, r.event.createdAtMs));
      const key = `${id}@${site}`;
      if (r.event.originDsid !== index.site(site)?.id && !(firstApplied.get(key)! <= at))
        firstApplied.set(key, at);
    }
  }
  const samples: LagSample[] = [];
  for (const [key, at] of firstApplied) {
    const [id, site] = key.split('@') as [string, string];
    const wrote = created.get(id)!;
    samples.push({ wroteWallMs: wrote, site, lagMs: Math.max(0, Math.round(at - wrote)) });
  }
  return samples.sort((a, b) => a.wroteWallMs - b.wroteWallMs);
}

export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
