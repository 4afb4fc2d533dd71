import { setTimeout as delay } from 'node:timers/promises';
import type { AppliedEvent } from '../../contract/index.js';
import type { Deployment, MemberHandle } from '../../harness/deployment/deployment.js';
import { HarnessError } from '../../harness/errors.js';
import { eventually } from '../../harness/util/wait.js';

export interface FailoverResult {
  sender: string;
  killed: string;
  /** SIGKILL of the member until site 2 applies the first event it would have dispatched. */
  gapMs: number;
}

const WRITERS = 4;
const WRITE_PAUSE_MS = 20;
const BEFORE_KILL_MS = 2000;
const AFTER_KILL_MS = 6000;
const EVENTS_PAGE = 10_000;

function running(deployment: Deployment, site: string): MemberHandle[] {
  return deployment.members(site).filter((m) => m.state === 'running');
}

/** What site 2 applied after the given positions of its members' applied logs. */
async function appliedSince(
  members: MemberHandle[],
  positions: Map<string, number>,
): Promise<AppliedEvent[]> {
  const all: AppliedEvent[] = [];
  for (const member of members) {
    let after = positions.get(member.name) ?? 0;
    while (true) {
      const page = await member.client.events(after, EVENTS_PAGE);
      all.push(...page.events);
      if (page.events.length === 0 || after >= page.lastSeq) break;
      after = page.events.at(-1)!.seq;
    }
  }
  return all;
}

/**
 * The failover gap of one sender: steady writes go to a member that stays up, the member that
 * dispatches (the serial primary, or a member holding primary buckets of the parallel
 * sender's region) is killed with SIGKILL, and the gap is the time from the kill until site 2
 * applies the first event, made after the kill, that the killed member would have sent (any
 * event for a serial sender; one of the killed member's former primary buckets for a
 * parallel one). It includes the batch time interval an event waits in its queue.
 */
export async function measureFailover(
  deployment: Deployment,
  target: { region: string; sender: string },
  parallel: boolean,
): Promise<FailoverResult> {
  const site1 = running(deployment, 'site1');
  const victim = parallel ? site1[0]! : await serialPrimary(site1, target.sender);
  const writeTo = site1.find((m) => m.name !== victim.name)!;
  const ownBuckets = parallel
    ? new Set(
        (await writeTo.client.buckets(target.region)).buckets
          .filter((b) => b.primary === victim.name)
          .map((b) => b.id),
      )
    : undefined;
  const site2 = running(deployment, 'site2');
  const positions = new Map(
    await Promise.all(
      site2.map(async (m) => [m.name, (await m.client.events(0, 1)).lastSeq] as const),
    ),
  );
  let stop = false;
  let next = 0;
  const writer = async (): Promise<void> => {
    while (!stop) {
      const key = `fo-${next++}`;
      await writeTo.client
        .put(target.region, key, 'v', { timeoutMs: 30_000 })
        .catch(() => undefined);
      await delay(WRITE_PAUSE_MS);
    }
  };
  const writers = Array.from({ length: WRITERS }, () => writer());
  await delay(BEFORE_KILL_MS);
  const killedAtMs = Date.now();
  await victim.kill();
  await delay(AFTER_KILL_MS);
  stop = true;
  await Promise.all(writers);
  const first = await eventually(
    async () => {
      const applied = await appliedSince(site2, positions);
      const after = applied.filter(
        (a) =>
          a.event.region === target.region &&
          a.event.createdAtMs >= killedAtMs &&
          (!ownBuckets || ownBuckets.has(a.event.bucket ?? -1)),
      );
      return after.length === 0 ? undefined : Math.min(...after.map((a) => a.appliedAtMs));
    },
    (at) => at !== undefined,
    { timeoutMs: 60_000, description: `site 2 to apply events of ${target.sender} after the kill` },
  );
  await deployment.startMember(victim.name);
  for (const m of deployment.members().filter((x) => x.state === 'running')) {
    await m.client.clear(target.region);
  }
  return { sender: target.sender, killed: victim.name, gapMs: first! - killedAtMs };
}

async function serialPrimary(members: MemberHandle[], sender: string): Promise<MemberHandle> {
  for (const member of members) {
    if ((await member.client.sender(sender)).primary) return member;
  }
  throw new HarnessError('WANLAB_TIMEOUT', `no primary of ${sender}`, 'is the site up?');
}
