import { setTimeout as delay } from 'node:timers/promises';
import { percentile } from '../stats.js';
import {
  appliedPosition,
  appliedSince,
  awaitApplied,
  entries,
  REGION,
  SENDER,
  type Sites,
} from './drain.js';

export interface LagResult {
  targetRateEventsPerS: number;
  achievedRateEventsPerS: number;
  events: number;
  batchSize: number;
  batchTimeIntervalMs: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** The goal of issue 3: p99 under the batch interval plus 20 ms. */
  goalLagP99Ms: number;
}

const TICK_MS = 20;

/**
 * Replication lag under a steady load: put-all requests every TICK_MS at `rateEventsPerS`,
 * then lag = applied-at (remote clock) minus created-at (origin clock) of every event. Both
 * sites run on this machine, so the two clocks are one.
 */
export async function measureLag(
  sites: Sites,
  run: {
    tag: string;
    rateEventsPerS: number;
    durationMs: number;
    batchSize: number;
    value: string;
  },
): Promise<LagResult> {
  const { origin, remote } = sites;
  const status = await origin.alterSender(SENDER, { batchSize: run.batchSize });
  const perTick = Math.max(1, Math.round((run.rateEventsPerS * TICK_MS) / 1000));
  const before = await appliedPosition(remote);
  const startedMs = performance.now();
  let sent = 0;
  for (let tick = 0; performance.now() - startedMs < run.durationMs; tick++) {
    const dueMs = startedMs + tick * TICK_MS - performance.now();
    if (dueMs > 0) await delay(dueMs);
    await origin.putAll(REGION, entries(run.tag, sent, perTick, run.value));
    sent += perTick;
  }
  const elapsedMs = performance.now() - startedMs;
  await awaitApplied(remote, before, sent);
  const lags = (await appliedSince(remote, before))
    .map((a) => a.appliedAtMs - a.event.createdAtMs)
    .sort((a, b) => a - b);
  await Promise.all([origin.clear(REGION), remote.clear(REGION)]);
  const interval = status.attributes.batchTimeIntervalMs;
  return {
    targetRateEventsPerS: run.rateEventsPerS,
    achievedRateEventsPerS: Math.round(sent / (elapsedMs / 1000)),
    events: sent,
    batchSize: run.batchSize,
    batchTimeIntervalMs: interval,
    lagP50Ms: percentile(lags, 0.5),
    lagP99Ms: percentile(lags, 0.99),
    lagMaxMs: lags[lags.length - 1] ?? Number.NaN,
    goalLagP99Ms: interval + 20,
  };
}
