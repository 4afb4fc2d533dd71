import type { AppliedEvent, ReceiverStatistics, SenderStatus } from '../../contract/index.js';
import type { MemberHandle } from '../../harness/deployment/deployment.js';
import { appliedSince, recordOf, type MemberCounters } from './scenario-record.js';
import type { WanWorld } from './world.js';

type SenderStat = keyof SenderStatus['stats'];

/**
 * Counters are totals since a member started and scenarios share running deployments, so
 * checks read differences from the counters noted when the scenario's topology was ready
 * (scenario-record.ts). A member restarted since then has new counters and a new applied
 * log: its baseline is zero.
 */
async function baselineOf(
  world: WanWorld,
  member: MemberHandle,
): Promise<MemberCounters | undefined> {
  const baseline = recordOf(world).baseline.get(member.name);
  if (!baseline) return undefined;
  const uid = (await member.client.health()).uid ?? '';
  return uid === baseline.uid ? baseline : undefined;
}

/** A sender counter since the scenario noted it (or since the member started). */
export async function senderCount(
  world: WanWorld,
  member: MemberHandle,
  id: string,
  stat: string,
): Promise<number> {
  const status = await member.client.sender(id);
  if (!(stat in status.stats)) {
    throw new Error(
      `no sender statistic "${stat}"; known: ${Object.keys(status.stats).join(', ')}`,
    );
  }
  const key = stat as SenderStat;
  const before = (await baselineOf(world, member))?.senders.get(id)?.[key] ?? 0;
  return status.stats[key] - before;
}

export async function receiverCount(
  world: WanWorld,
  member: MemberHandle,
  stat: string,
): Promise<number> {
  const stats = (await member.client.receiver()).stats;
  if (!(stat in stats)) {
    throw new Error(`no receiver statistic "${stat}"; known: ${Object.keys(stats).join(', ')}`);
  }
  const key = stat as keyof ReceiverStatistics;
  const before = (await baselineOf(world, member))?.receiver?.[key] ?? 0;
  return stats[key] - before;
}

/** Events the member applied since the scenario noted its log, in log order. */
export async function appliedSinceNoted(
  world: WanWorld,
  member: MemberHandle,
): Promise<AppliedEvent[]> {
  const after = (await baselineOf(world, member))?.lastSeq ?? 0;
  const events = await appliedSince(member.client, after);
  if (events.length > 0 && events[0]!.seq > after + 1) {
    throw new Error(`the applied log of ${member.name} dropped events since it was noted`);
  }
  return events;
}
