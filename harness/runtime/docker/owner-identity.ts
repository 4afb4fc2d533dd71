import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Which harness process owns a container: host, pid, and the pid's start time (clock ticks
 * since boot, from /proc), so that a pid reused by another process does not count as alive.
 */
export interface OwnerIdentity {
  host: string;
  pid: number;
  startTicks: string;
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces and parentheses. */
export function parseStartTicks(stat: string): string | undefined {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field 22 is afterName[19].
  return afterName[19];
}

function startTicksOf(pid: number): string | undefined {
  try {
    return parseStartTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function currentOwner(): OwnerIdentity {
  return { host: hostname(), pid: process.pid, startTicks: startTicksOf(process.pid) ?? '' };
}

/** True while the owner process still runs (same pid and same start time). */
export function ownerAlive(owner: OwnerIdentity): boolean {
  const ticks = startTicksOf(owner.pid);
  if (ticks === undefined) return false;
  return owner.startTicks === '' || ticks === owner.startTicks;
}
