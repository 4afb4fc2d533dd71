import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { MemberClient } from '../client/member-client.js';
import type { WorkloadSettings } from '../experiment/model.js';
import type { EventIdRecord, VersionRecord } from '../history/records.js';
import { deriveSeed } from '../util/seed.js';
import { OpGenerator, writerSites, type PlannedOp } from './op-generator.js';
import { classifyFailure } from './outcome.js';

/** Where a writer sends its next operation: a member of its site, or none if all are down. */
export interface WorkloadTarget {
  memberFor(site: string, writer: number): { name: string; client: MemberClient } | undefined;
}

export type Invocation = { writer: number; site: string; member: string } & PlannedOp;

export type Completion =
  | { type: 'ok'; version: VersionRecord; eventId: EventIdRecord }
  | {
      type: 'ok';
      writes: Array<{ key: string; version: VersionRecord; eventId: EventIdRecord }>;
    }
  | { type: 'fail' | 'unknown'; error: string };

/** Where operations are recorded: every invocation, then exactly one completion. */
export interface OperationLog {
  invoke(invocation: Invocation): number;
  complete(op: number, completion: Completion): void;
}

export interface WorkloadCounts {
  ok: number;
  fail: number;
  unknown: number;
  inFlight: number;
}

/** No member of the site can take an operation: look again after this long. */
const NO_MEMBER_RETRY_MS = 100;

/**
 * Writers that put and destroy keys at their sites through the control API, paced to the
 * experiment's rate, each with its own seeded operation stream and its own engine thread
 * number (so the engine's event ids stay per writer).
 */
export class Workload {
  readonly #settings: WorkloadSettings;
  readonly #target: WorkloadTarget;
  readonly #log: OperationLog;
  readonly #seed: number;
  readonly #counts: WorkloadCounts = { ok: 0, fail: 0, unknown: 0, inFlight: 0 };
  readonly #stop = new AbortController();
  #writers: Array<Promise<void>> = [];

  constructor(
    settings: WorkloadSettings,
    target: WorkloadTarget,
    log: OperationLog,
    rootSeed: number,
  ) {
    this.#settings = settings;
    this.#target = target;
    this.#log = log;
    this.#seed = rootSeed;
  }

  start(): void {
    const intervalMs = (this.#settings.concurrency * 1000) / this.#settings.ratePerS;
    const sites = writerSites(this.#settings);
    // Every writer waits on the one stop signal: more than Node's default of 10 listeners is
    // expected here, not a leak.
    setMaxListeners(sites.length + 1, this.#stop.signal);
    this.#writers = sites.map((site, writer) =>
      this.#runWriter(writer, site, intervalMs, (writer * intervalMs) / this.#settings.concurrency),
    );
  }

  /** Stops issuing operations and waits for those in flight to complete. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await Promise.all(this.#writers);
  }

  counts(): WorkloadCounts {
    return { ...this.#counts };
  }

  async #runWriter(
    writer: number,
    site: string,
    intervalMs: number,
    offsetMs: number,
  ): Promise<void> {
    const ops = new OpGenerator(
      this.#settings,
      writer,
      deriveSeed(this.#seed, `workload/writer-${writer}`),
    );
    let nextMs = performance.now() + offsetMs;
    while (!this.#stop.signal.aborted) {
      if (!(await this.#sleepUntil(nextMs))) return;
      const member = this.#target.memberFor(site, writer);
      if (!member) {
        nextMs = performance.now() + NO_MEMBER_RETRY_MS;
        continue;
      }
      await this.#perform(writer, site, member, ops.next());
      // Never burst to catch up after a slow operation: the rate is a ceiling.
      nextMs = Math.max(nextMs + intervalMs, performance.now());
    }
  }

  async #perform(
    writer: number,
    site: string,
    member: { name: string; client: MemberClient },
    planned: PlannedOp,
  ): Promise<void> {
    const op = this.#log.invoke({ writer, site, member: member.name, ...planned });
    this.#counts.inFlight++;
    const completion = await this.#call(writer, member.client, planned);
    this.#counts.inFlight--;
    this.#counts[completion.type]++;
    this.#log.complete(op, completion);
  }

  async #call(writer: number, client: MemberClient, planned: PlannedOp): Promise<Completion> {
    const options = { thread: writer + 1, timeoutMs: this.#settings.opTimeoutMs };
    const region = this.#settings.region;
    try {
      if (planned.f === 'transaction') {
        const operations = planned.writes.map((w) => ({ op: 'put' as const, region, ...w }));
        const answer = await client.transaction(operations, options);
        return {
          type: 'ok',
          writes: answer.events.map(({ key, version, eventId }) => ({ key, version, eventId })),
        };
      }
      const answer =
        planned.f === 'put'
          ? await client.put(region, planned.key, planned.value!, options)
          : await client.destroy(region, planned.key, options);
      if (!answer) return { type: 'fail', error: `no entry "${planned.key}" to destroy` };
      return { type: 'ok', version: answer.version, eventId: answer.eventId };
    } catch (error) {
      return classifyFailure(error);
    }
  }

  /** False if the workload was stopped while waiting. */
  async #sleepUntil(atMs: number): Promise<boolean> {
    const waitMs = atMs - performance.now();
    if (waitMs > 0) {
      try {
        await delay(waitMs, undefined, { signal: this.#stop.signal });
      } catch {
        return false;
      }
    }
    return !this.#stop.signal.aborted;
  }
}
