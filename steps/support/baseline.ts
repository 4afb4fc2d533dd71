import type {
  AppliedEvent,
  ReceiverCounters,
  SenderStatus,
} from '../../engine/control/api-types.js';
import type { MemberHandle } from '../../harness/deployment/deployment.js';
import { stateOf, type MemberBaseline } from './scenario-state.js';
import type { WanWorld } from './world.js';

type SenderStat = keyof SenderStatus['stats'];
type ReceiverStat = keyof ReceiverCounters;

/**
 * Counters are totals since a member started, and scenarios share running deployments, so a
 * scenario notes them first and its checks read differences. A member restarted since has
 * new counters: its baseline is zero.
 */
export async function noteBaselines(world: WanWorld): Promise<void> {
  const baselines = stateOf(world).baselines;
  for (const member of world.deployment.members()) {
    if (member.state !== 'running') continue;
    baselines.set(member.name, await snapshot(member));
  }
}

async function snapshot(member: MemberHandle): Promise<MemberBaseline> {
  const client = member.client;
  const [health, senders, events] = await Promise.all([
    client.health(),
    client.senders(),
    client.events(0, 1),
  ]);
  const receiver = await client.receiver().then(
    (status) => status.stats,
    () => undefined,
  );
  return {
    uid: health.uid ?? member.name,
    senders: new Map(senders.map((s) => [s.id, s.stats])),
    receiver,
    appliedSeq: events.lastSeq,
  };
}

async function baselineOf(world: WanWorld, member: MemberHandle) {
  const baseline = stateOf(world).baselines.get(member.name);
  if (!baseline) return undefined;
  const uid = (await member.client.health()).uid ?? member.name;
  return uid === baseline.uid ? baseline : undefined;
}

export function isSenderStat(stat: string, sample: SenderStatus['stats']): stat is SenderStat {
  return stat in sample;
}

/** A sender counter since the scenario noted it (or since the member started). */
export async function senderCount(
  world: WanWorld,
  member: MemberHandle,
  id: string,
  stat: string,
): Promise<number> {
  const status = await member.client.sender(id);
  if (!isSenderStat(stat, status.stats)) {
    throw new Error(
      `no sender statistic "${stat}"; known: ${Object.keys(status.stats).join(', ')}`,
    );
  }
  const before = (await baselineOf(world, member))?.senders.get(id)?.[stat] ?? 0;
  return status.stats[stat] - before;
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
  const before = (await baselineOf(world, member))?.receiver?.[stat as ReceiverStat] ?? 0;
  return stats[stat as ReceiverStat] - before;
}

/** Events the member applied since the scenario noted its log, in log order. */
export async function appliedSinceNoted(
  world: WanWorld,
  member: MemberHandle,
): Promise<AppliedEvent[]> {
  const after = (await baselineOf(world, member))?.appliedSeq ?? 0;
  const all: AppliedEvent[] = [];
  let position = after;
  while (true) {
    const page = await member.client.events(position, 10000);
    all.push(...page.events);
    if (page.events.length === 0 || position >= page.lastSeq) break;
    position = page.events[page.events.length - 1]!.seq;
  }
  if (all.length > 0 && all[0]!.seq > after + 1) {
    throw new Error(`the applied log of ${member.name} dropped events since it was noted`);
  }
  return all;
}
