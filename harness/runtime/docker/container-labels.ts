import type { OwnerIdentity } from './owner-identity.js';

/**
 * Labels on every container the harness starts. Ryuk is off, so these are how leftovers of a
 * crashed harness are found and removed (container-reaper.ts) and how `docker ps` tells runs
 * apart: `docker ps --filter label=wanlab.run=<run folder name>`.
 */
export const LABELS = {
  managed: 'wanlab.managed',
  run: 'wanlab.run',
  name: 'wanlab.name',
  role: 'wanlab.role',
  ownerHost: 'wanlab.owner.host',
  ownerPid: 'wanlab.owner.pid',
  ownerStart: 'wanlab.owner.start-ticks',
} as const;

export function containerLabels(
  owner: OwnerIdentity,
  run: string,
  name: string,
  role: string,
): Record<string, string> {
  return {
    [LABELS.managed]: 'true',
    [LABELS.run]: run,
    [LABELS.name]: name,
    [LABELS.role]: role,
    [LABELS.ownerHost]: owner.host,
    [LABELS.ownerPid]: String(owner.pid),
    [LABELS.ownerStart]: owner.startTicks,
  };
}

/** The owner recorded on a container, or undefined for a container without our labels. */
export function ownerOf(labels: Record<string, string> | undefined): OwnerIdentity | undefined {
  const pid = Number(labels?.[LABELS.ownerPid]);
  const host = labels?.[LABELS.ownerHost];
  if (!host || !Number.isInteger(pid) || pid <= 0) return undefined;
  return { host, pid, startTicks: labels?.[LABELS.ownerStart] ?? '' };
}

/** Docker container names allow [a-zA-Z0-9_.-]; the first character must be alphanumeric. */
export function containerName(parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^a-zA-Z0-9_.-]/g, '_')
    .replace(/^[^a-zA-Z0-9]+/, '');
}
