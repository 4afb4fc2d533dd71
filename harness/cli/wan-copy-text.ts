import type { WanCopyStatus } from '../../contract/index.js';

/** One progress line of `wanlab wan-copy`: `copy-1 data → site 3: 120/200 entries (60%), 1.2 s, running`. */
export function wanCopyLine(status: WanCopyStatus): string {
  const percent = status.total === 0 ? 100 : Math.floor((status.copied * 100) / status.total);
  const seconds = (status.elapsedMs / 1000).toFixed(1);
  const rate =
    status.maxRatePerSecond > 0 ? `, at most ${status.maxRatePerSecond}/s` : ', no rate limit';
  const error = status.error ? `: ${status.error.code} ${status.error.message}` : '';
  return `${status.id} ${status.region} → site ${status.remoteDistributedSystemId} through ${status.senderId}: ${status.copied}/${status.total} entries (${percent}%), ${seconds} s${rate}, ${status.state}${error}`;
}

/** Exit code of `wanlab wan-copy`: 0 only when every entry was copied. */
export function wanCopyExitCode(status: WanCopyStatus): number {
  return status.state === 'done' ? 0 : 1;
}
