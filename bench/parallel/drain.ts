import type { JsonValue } from '../../contract/index.js';
import type { Deployment, MemberHandle } from '../../harness/deployment/deployment.js';
import { eventually } from '../../harness/util/wait.js';

export interface DrainResult {
  sender: string;
  members: number;
  events: number;
  drainMs: number;
  eventsPerS: number;
}

const PUT_ALL_CHUNK = 500;
const FILL_CONCURRENCY = 3;
const DRAIN_TIMEOUT_MS = 180_000;

function site1(deployment: Deployment): MemberHandle[] {
  return deployment.members('site1').filter((m) => m.state === 'running');
}

async function queued(deployment: Deployment, sender: string, parallel: boolean): Promise<number> {
  const sizes = await Promise.all(
    site1(deployment).map(async (m) => (await m.client.sender(sender)).queue.size),
  );
  // A parallel sender's queues are the buckets' (no copies without redundancy); a serial
  // sender's queue is copied on every member.
  return parallel ? sizes.reduce((a, b) => a + b, 0) : Math.max(...sizes);
}

/**
 * Sender throughput as the time to drain a full queue: the senders of site 1 are paused,
 * `events` entries are written (spread over the members), then the senders resume and the
 * clock runs until every queue of site 1 is empty again, i.e. every event was acknowledged by
 * site 2 after being applied there.
 */
export async function measureDrain(
  deployment: Deployment,
  target: { region: string; sender: string },
  events: number,
  valueBytes: number,
  parallel: boolean,
): Promise<DrainResult> {
  const members = site1(deployment);
  for (const m of members) await m.client.senderAction(target.sender, 'pause');
  const value = 'v'.repeat(valueBytes);
  let next = 0;
  const writer = async (w: number): Promise<void> => {
    while (next < events) {
      const from = next;
      next += PUT_ALL_CHUNK;
      const entries: Array<{ key: string; value: JsonValue }> = [];
      for (let i = from; i < Math.min(events, from + PUT_ALL_CHUNK); i++) {
        entries.push({ key: `k${i}`, value });
      }
      await members[(from / PUT_ALL_CHUNK + w) % members.length]!.client.putAll(
        target.region,
        entries,
      );
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, (_, w) => writer(w)));
  // A batch already on its way when the pause came is still delivered (PAUSE-4): measure
  // what is queued once the count stays put.
  let previous = -1;
  const backlog = await eventually(
    async () => {
      const now = await queued(deployment, target.sender, parallel);
      const stable = now === previous;
      previous = now;
      return stable ? now : undefined;
    },
    (n) => n !== undefined && n > 0,
    {
      timeoutMs: DRAIN_TIMEOUT_MS,
      pollMs: 300,
      description: `the queue of ${target.sender} to hold the events written`,
    },
  );
  const startedMs = performance.now();
  await Promise.all(members.map((m) => m.client.senderAction(target.sender, 'resume')));
  await eventually(
    () => queued(deployment, target.sender, parallel),
    (n) => n === 0,
    {
      timeoutMs: DRAIN_TIMEOUT_MS,
      pollMs: 20,
      description: `the queues of ${target.sender} to drain`,
    },
  );
  const drainMs = performance.now() - startedMs;
  for (const m of deployment.members().filter((x) => x.state === 'running')) {
    await m.client.clear(target.region);
  }
  return {
    sender: target.sender,
    members: members.length,
    events: backlog!,
    drainMs: Math.round(drainMs),
    eventsPerS: Math.round((backlog! / drainMs) * 1000),
  };
}
