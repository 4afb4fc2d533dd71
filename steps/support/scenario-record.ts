import { existsSync, statSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import type {
  AppliedEvent,
  Capability,
  ConflictStatistics,
  ReceiverStatistics,
  SenderStatus,
  WriteResult,
} from '../../contract/index.js';
import type { MemberClient } from '../../harness/client/member-client.js';
import type { Deployment } from '../../harness/deployment/deployment.js';
import { eventually } from '../../harness/util/wait.js';
import { EVENTUALLY_MS, type WanWorld } from './world.js';

/** Every counter of one member, as read at the start of a scenario. */
export interface MemberCounters {
  /** The member's incarnation: a restarted member has new counters, and a new log. */
  uid: string;
  senders: Map<string, SenderStatus['stats']>;
  receiver: ReceiverStatistics | undefined;
  conflicts: Map<string, ConflictStatistics>;
  /** The applied-event log's last sequence: the scenario's events come after it. */
  lastSeq: number;
  /** Bytes of the member's log file: the scenario's lines come after them. */
  logBytes: number;
}

/** One write a step made, with the version the engine gave it. */
export interface RecordedWrite {
  siteId: number;
  region: string;
  key: string;
  /** Undefined for a destroy. */
  value: string | undefined;
  result: WriteResult;
  /** Harness wall-clock ms just before the request and just after the answer. */
  sentAtMs: number;
  answeredAtMs: number;
}

/**
 * What one scenario needs to remember besides the deployment: counters at its start (the
 * deployment is reused, so counts are taken as differences), the writes it made, and notes
 * some steps leave for later ones.
 */
export class ScenarioRecord {
  readonly baseline = new Map<string, MemberCounters>();
  readonly writes: RecordedWrite[] = [];
  readonly notes = new Map<string, unknown>();
}

const records = new WeakMap<WanWorld, ScenarioRecord>();

export function recordOf(world: WanWorld): ScenarioRecord {
  let record = records.get(world);
  if (!record) {
    record = new ScenarioRecord();
    records.set(world, record);
  }
  return record;
}

/** Called when a scenario's topology is ready: what every count is measured against. */
export async function noteBaseline(world: WanWorld): Promise<void> {
  const record = recordOf(world);
  const members = world.deployment.members().filter((m) => m.state === 'running');
  const has = (capability: Capability): boolean => world.deployment.has(capability);
  const counters = await Promise.all(
    members.map((m) => readCounters(m.client, m.spec.logFile, has)),
  );
  members.forEach((member, i) => record.baseline.set(member.name, counters[i]!));
}

/** Every counter of a member; what its engine lacks (`has`) is not asked for. */
export async function readCounters(
  client: MemberClient,
  logFile: string,
  has: (capability: Capability) => boolean,
): Promise<MemberCounters> {
  const [health, senders, receiver, regions, events] = await Promise.all([
    client.health(),
    client.senders(),
    client.receiver().catch(() => undefined),
    client.regions(),
    has('applied-log') ? client.events(0, 1) : { lastSeq: 0 },
  ]);
  const conflicts = has('conflict-statistics')
    ? await Promise.all(regions.map((r) => client.conflicts(r.name)))
    : [];
  return {
    uid: health.uid ?? '',
    senders: new Map(senders.map((s) => [s.id, s.stats])),
    receiver: receiver?.stats,
    conflicts: new Map(conflicts.map((c) => [c.region, c.stats])),
    lastSeq: events.lastSeq,
    logBytes: existsSync(logFile) ? statSync(logFile).size : 0,
  };
}

export function baselineOf(world: WanWorld, member: string): MemberCounters {
  const counters = recordOf(world).baseline.get(member);
  if (!counters) {
    throw new Error(`no counters were noted for ${member} when the scenario started`);
  }
  return counters;
}

/** The events a member applied since the scenario started, in order. */
export async function appliedSince(
  client: MemberClient,
  afterSeq: number,
): Promise<AppliedEvent[]> {
  const events: AppliedEvent[] = [];
  let after = afterSeq;
  while (true) {
    const page = await client.events(after, 10000);
    events.push(...page.events);
    if (page.events.length === 0 || page.events.at(-1)!.seq >= page.lastSeq) return events;
    after = page.events.at(-1)!.seq;
  }
}

/**
 * Waits until no event is in flight anywhere: every sender queue of every running member
 * empty on two polls in a row (an event applied at a site is queued for forwarding before the
 * batch that carried it is acknowledged, so an empty queue everywhere means nothing moves).
 */
export async function settled(deployment: Deployment): Promise<void> {
  let emptyPolls = 0;
  await eventually(
    async () => {
      const sizes = await Promise.all(
        deployment
          .members()
          .filter((m) => m.state === 'running')
          .map(async (m) =>
            (await m.client.senders()).map((s) => `${m.name}/${s.id}=${s.queue.size}`),
          ),
      );
      const busy = sizes.flat().filter((entry) => !entry.endsWith('=0'));
      emptyPolls = busy.length === 0 ? emptyPolls + 1 : 0;
      return { emptyPolls, busy };
    },
    (state) => state.emptyPolls >= 2,
    { timeoutMs: EVENTUALLY_MS, pollMs: 100, description: 'every sender queue to be empty' },
  );
}

/** A recorded write starts this long after the previous one answered (see recordedWrite). */
const WRITE_GAP_MS = 2;

/**
 * Makes a write at a site and records it with the version the engine gave it. Each write
 * starts after the previous one of the scenario answered, with a gap, so that on unskewed
 * clocks their timestamps strictly increase in the order the scenario wrote them.
 */
export async function recordedWrite(
  world: WanWorld,
  site: string,
  region: string,
  key: string,
  value: string | undefined,
): Promise<RecordedWrite | undefined> {
  const client = world.siteClient(site);
  const previous = recordOf(world).writes.at(-1);
  while (previous && Date.now() <= previous.answeredAtMs + WRITE_GAP_MS) await delay(1);
  const sentAtMs = Date.now();
  const result =
    value === undefined ? await client.destroy(region, key) : await client.put(region, key, value);
  if (!result) return undefined;
  const write: RecordedWrite = {
    siteId: world.deployment.site(site).id,
    region,
    key,
    value,
    result,
    sentAtMs,
    answeredAtMs: Date.now(),
  };
  recordOf(world).writes.push(write);
  return write;
}
