import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s on every platform. */
const TICKS_PER_S = 100;

/**
 * CPU time (user + system, every thread) a process used so far, in seconds, from /proc
 * (undefined when it cannot be read).
 */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses: utime is the 12th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / TICKS_PER_S : undefined;
  } catch {
    return undefined;
  }
}

/** The CPU seconds of several processes together (undefined when one cannot be read). */
export function totalCpuSeconds(pids: ReadonlyArray<number | undefined>): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const seconds = cpuSeconds(pid);
    if (seconds === undefined) return undefined;
    total += seconds;
  }
  return total;
}
