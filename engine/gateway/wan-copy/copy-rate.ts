/**
 * How long a wan-copy waits after a batch so that its average rate since the start stays at
 * or under `maxRatePerSecond` entries per second (0: no limit), as Geode's
 * WanCopyRegionFunctionDelegate.getTimeToSleep computes it.
 */
export function copyWaitMs(elapsedMs: number, copied: number, maxRatePerSecond: number): number {
  if (maxRatePerSecond <= 0) return 0;
  const targetElapsedMs = (copied * 1000) / maxRatePerSecond;
  return Math.max(0, Math.ceil(targetElapsedMs - elapsedMs));
}
