import type { AppliedEvent, JsonValue } from '../../contract/index.js';
import type { MemberClient } from '../../harness/client/member-client.js';
import type { GatewayWire } from '../../harness/engines/engine-driver.js';
import { eventually } from '../../harness/util/wait.js';

/** The one-dispatcher sender and its region; the five-dispatcher pair is the default's. */
export const REGION = 'bench';
export const SENDER = 'to-site2';
export const LANES: Record<number, { region: string; sender: string }> = {
  1: { region: REGION, sender: SENDER },
  5: { region: 'bench5', sender: 'to-site2-x5' },
};
/** The sending and the receiving member of bench-sender.yaml, whose CPU a drain counts. */
export const DRAIN_MEMBERS = ['site1-m1', 'site2-m1'] as const;
const PUT_ALL_CHUNK = 10_000;
const EVENTS_PAGE = 10_000;
const DRAIN_TIMEOUT_MS = 600_000;

export interface Sites {
  origin: MemberClient;
  remote: MemberClient;
  /** The engine's gateway frames: the wire bytes of a batch (an engine may not tell them). */
  wire?: GatewayWire | undefined;
  /** CPU seconds the sending and receiving members used so far (undefined: not known). */
  cpuSeconds?: (() => number | undefined) | undefined;
}

export interface DrainResult {
  batchSize: number;
  dispatcherThreads: number;
  events: number;
  drainMs: number;
  eventsPerS: number;
  /** Bytes one event takes in a batch frame on the wire, measured on applied events. */
  wireBytesPerEvent?: number;
  /** CPU seconds of the sending and receiving members from the resume to the last apply. */
  membersCpuS?: number;
  /** Events drained per CPU second of those members (issue 19). */
  eventsPerCpuS?: number;
}

export function entries(
  prefix: string,
  from: number,
  count: number,
  value: string,
): Array<{ key: string; value: JsonValue }> {
  return Array.from({ length: count }, (_, i) => ({ key: `${prefix}${from + i}`, value }));
}

/** Puts `count` entries at the origin in put-all requests of at most PUT_ALL_CHUNK. */
export async function fill(
  sites: Sites,
  region: string,
  prefix: string,
  count: number,
  value: string,
) {
  for (let from = 0; from < count; from += PUT_ALL_CHUNK) {
    await sites.origin.putAll(
      region,
      entries(prefix, from, Math.min(PUT_ALL_CHUNK, count - from), value),
    );
  }
}

/** The remote's applied-log position now; events applied later have a higher seq. */
export async function appliedPosition(remote: MemberClient): Promise<number> {
  return (await remote.events(0, 1)).lastSeq;
}

/** Waits until `count` more events were applied at the remote than at `after`. */
export async function awaitApplied(remote: MemberClient, after: number, count: number) {
  await eventually(
    () => appliedPosition(remote),
    (position) => position >= after + count,
    { timeoutMs: DRAIN_TIMEOUT_MS, pollMs: 20, description: `${count} events applied at site 2` },
  );
}

/** Every event the remote applied after `after`, in order. */
export async function appliedSince(remote: MemberClient, after: number): Promise<AppliedEvent[]> {
  const all: AppliedEvent[] = [];
  let position = after;
  while (true) {
    const page = await remote.events(position, EVENTS_PAGE);
    all.push(...page.events);
    if (page.events.length === 0 || position >= page.lastSeq) return all;
    position = page.events[page.events.length - 1]!.seq;
  }
}

/**
 * The WAN path alone: pause the sender, fill its queue, resume, and time until the last
 * event is applied at the remote site (its own applied-at stamp, not a poll).
 */
export async function measureDrain(
  sites: Sites,
  run: {
    tag: string;
    batchSize: number;
    events: number;
    value: string;
    dispatcherThreads?: number;
  },
): Promise<DrainResult> {
  const { origin, remote } = sites;
  const dispatcherThreads = run.dispatcherThreads ?? 1;
  const { region, sender } = LANES[dispatcherThreads]!;
  await origin.alterSender(sender, { batchSize: run.batchSize });
  await origin.senderAction(sender, 'pause');
  // Before the fill: a batch that leaves after the pause is counted among the applied events.
  const before = await appliedPosition(remote);
  await fill(sites, region, run.tag, run.events, run.value);
  // PAUSE-1: dispatching stops after the batch in flight, so a batch may leave after the
  // pause; Geode's dispatcher, which peeks ahead while a batch waits for its ack, was seen to
  // let 2-3 batches of 100 go. The rate counts what the resume drained, so a few batches do
  // not skew it; more than a tenth of the fill would mean the pause did not hold.
  const queued = (await origin.sender(sender)).queue.size;
  const leftAtMost = Math.max(run.batchSize, Math.floor(run.events / 10));
  if (queued > run.events || queued < run.events - leftAtMost) {
    throw new Error(
      `queue holds ${queued} events, not ${run.events} (at most ${leftAtMost} may leave after the pause)`,
    );
  }
  const startedAtMs = Date.now();
  const cpuBefore = sites.cpuSeconds?.();
  await origin.senderAction(sender, 'resume');
  await awaitApplied(remote, before, run.events);
  const cpuAfter = sites.cpuSeconds?.();
  const applied = await appliedSince(remote, before);
  if (applied.length !== run.events) {
    throw new Error(`site 2 applied ${applied.length} events, expected ${run.events}`);
  }
  // The log is in apply order, so its last event was applied last.
  const drainMs = applied[applied.length - 1]!.appliedAtMs - startedAtMs;
  const sample = applied.slice(0, run.batchSize).map((a) => a.event);
  const frameBytes = sites.wire?.batchFrame(sample).length;
  await Promise.all([origin.clear(region), remote.clear(region)]);
  return {
    batchSize: run.batchSize,
    dispatcherThreads,
    events: run.events,
    drainMs,
    eventsPerS: Math.round(queued / (drainMs / 1000)),
    ...cpuFigures(queued, cpuBefore, cpuAfter),
    ...(frameBytes === undefined
      ? {}
      : { wireBytesPerEvent: Math.round(frameBytes / sample.length) }),
  };
}

function cpuFigures(
  events: number,
  before: number | undefined,
  after: number | undefined,
): { membersCpuS?: number; eventsPerCpuS?: number } {
  if (before === undefined || after === undefined || after <= before) return {};
  const membersCpuS = Math.round((after - before) * 100) / 100;
  return { membersCpuS, eventsPerCpuS: Math.round(events / membersCpuS) };
}
