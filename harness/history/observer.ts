import { setTimeout as delay } from 'node:timers/promises';
import type { ReceiptsPage } from '../../contract/index.js';
import { ControlApiError } from '../client/control-client.js';
import type { MemberClient } from '../client/member-client.js';
import type { EngineState } from '../deployment/engine-handle.js';
import type { HistoryRecord, Unstamped } from './records.js';

/** A member as the observer sees it: where it is and whether it should answer. */
export interface ObservedMember {
  name: string;
  site: string;
  siteId: number;
  client: MemberClient;
  state(): EngineState;
}

export type RecordSink = (record: Unstamped<HistoryRecord>) => void;

interface Cursor {
  uid: string;
  after: number;
  dropped: number;
  /** Receipts read so far; undefined when the member has no receipt log. */
  receiptsAfter: number | undefined;
  receiptsDropped: number;
  /** Whether everything this incarnation applied has been read (so far as anyone can know). */
  complete: boolean;
}

export interface Snapshot {
  queues: Record<string, number>;
  /** Replication lag of the most recent remote applications, ms (site clock offsets removed). */
  recentLagsMs: number[];
}

const PAGE_LIMIT = 5000;
const REQUEST_TIMEOUT_MS = 1500;
const RECENT_LAGS = 200;

/**
 * Reads every member's applied events (GET /v1/events?after=N) and sender queue sizes while a
 * run goes on, and appends them to the history. A member that restarts (new uid) is read from
 * the start of its new log; whether the old log was read to its end is recorded, because a
 * killed member takes its unread tail with it.
 */
export class Observer {
  readonly #members: ObservedMember[];
  readonly #sink: RecordSink;
  readonly #offsetOf: (site: string) => number;
  readonly #pollMs: number;
  readonly #cursors = new Map<string, Cursor>();
  readonly #queues = new Map<string, number>();
  readonly #lags: number[] = [];
  readonly #stop = new AbortController();
  #loop: Promise<void> | undefined;
  #busy: Promise<void> = Promise.resolve();

  constructor(
    members: ObservedMember[],
    sink: RecordSink,
    offsetOf: (site: string) => number,
    pollMs = 250,
  ) {
    this.#members = members;
    this.#sink = sink;
    this.#offsetOf = offsetOf;
    this.#pollMs = pollMs;
  }

  /**
   * Starts every member's cursor at the end of its log: what a reused deployment applied
   * before this run is not part of its history.
   */
  async skipExisting(): Promise<void> {
    await this.#exclusive(async () => {
      for (const member of this.#members.filter((m) => m.state() === 'running')) {
        const health = await member.client.health({ timeoutMs: REQUEST_TIMEOUT_MS });
        const cursor = await this.#cursorFor(member, health.uid ?? health.name);
        const page = await member.client.events(0, 1);
        cursor.after = page.lastSeq;
        cursor.dropped = page.dropped;
        if (cursor.receiptsAfter !== undefined) {
          const receipts = await readReceipts(member.client, 0, 1);
          cursor.receiptsAfter = receipts?.lastSeq ?? 0;
          cursor.receiptsDropped = receipts?.dropped ?? 0;
        }
      }
    });
  }

  start(): void {
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  /** Reads every reachable member to the end of its log (and samples the queues). */
  async drain(): Promise<void> {
    await this.#exclusive(() => this.#round());
  }

  /** Reads one member to the end, before it is stopped gracefully: its log will be complete. */
  async drainMember(name: string): Promise<void> {
    const member = this.#members.find((m) => m.name === name);
    if (!member) return;
    await this.#exclusive(async () => {
      if (await this.#poll(member)) {
        const cursor = this.#cursors.get(name);
        if (cursor) cursor.complete = true;
      }
    });
  }

  /** A member is going away abruptly: what it applied since the last read is lost to us. */
  memberLost(name: string): void {
    const cursor = this.#cursors.get(name);
    if (cursor) cursor.complete = false;
  }

  snapshot(): Snapshot {
    return { queues: Object.fromEntries(this.#queues), recentLagsMs: [...this.#lags] };
  }

  async #run(): Promise<void> {
    while (!this.#stop.signal.aborted) {
      await this.#exclusive(() => this.#round());
      try {
        await delay(this.#pollMs, undefined, { signal: this.#stop.signal });
      } catch {
        return;
      }
    }
  }

  /** One poll at a time: a drain waits for the loop's round and the other way round. */
  #exclusive(task: () => Promise<void>): Promise<void> {
    const next = this.#busy.then(task, task);
    this.#busy = next.catch(() => undefined);
    return next;
  }

  async #round(): Promise<void> {
    await Promise.all(this.#members.map((member) => this.#poll(member)));
    this.#sink({ type: 'sample', queues: Object.fromEntries(this.#queues) });
  }

  /** True when the member answered and its log was read to the end. */
  async #poll(member: ObservedMember): Promise<boolean> {
    if (member.state() !== 'running') {
      this.#forgetQueues(member.name);
      return false;
    }
    try {
      const health = await member.client.health({ timeoutMs: REQUEST_TIMEOUT_MS });
      const cursor = await this.#cursorFor(member, health.uid ?? health.name);
      await this.#readEvents(member, cursor);
      await this.#readReceipts(member, cursor);
      for (const sender of await member.client.senders())
        this.#queues.set(`${member.name}/${sender.id}`, sender.queue.size);
      return true;
    } catch {
      return false;
    }
  }

  async #cursorFor(member: ObservedMember, uid: string): Promise<Cursor> {
    const previous = this.#cursors.get(member.name);
    if (previous?.uid === uid) return previous;
    const receipts = (await readReceipts(member.client, 0, 1)) !== undefined;
    this.#sink({
      type: 'incarnation',
      member: member.name,
      site: member.site,
      uid,
      ...(previous ? { previousUid: previous.uid, previousComplete: previous.complete } : {}),
      receipts,
    });
    const cursor: Cursor = {
      uid,
      after: 0,
      dropped: 0,
      receiptsAfter: receipts ? 0 : undefined,
      receiptsDropped: 0,
      complete: false,
    };
    this.#cursors.set(member.name, cursor);
    return cursor;
  }

  async #readReceipts(member: ObservedMember, cursor: Cursor): Promise<void> {
    while (cursor.receiptsAfter !== undefined) {
      const page = await readReceipts(member.client, cursor.receiptsAfter, PAGE_LIMIT);
      if (!page) return;
      if (page.dropped > cursor.receiptsDropped) {
        this.#sink({
          type: 'gap',
          member: member.name,
          uid: cursor.uid,
          dropped: page.dropped - cursor.receiptsDropped,
        });
        cursor.receiptsDropped = page.dropped;
      }
      for (const receipt of page.receipts) {
        this.#sink({
          type: 'received',
          site: member.site,
          member: member.name,
          uid: cursor.uid,
          seq: receipt.seq,
          receivedAtMs: receipt.receivedAtMs,
          fromDsid: receipt.fromDsid,
          outcome: receipt.outcome,
          event: receipt.event,
        });
        cursor.receiptsAfter = receipt.seq;
      }
      if (page.receipts.length === 0 || cursor.receiptsAfter >= page.lastSeq) return;
    }
  }

  async #readEvents(member: ObservedMember, cursor: Cursor): Promise<void> {
    while (true) {
      const page = await member.client.events(cursor.after, PAGE_LIMIT);
      if (page.dropped > cursor.dropped) {
        this.#sink({
          type: 'gap',
          member: member.name,
          uid: cursor.uid,
          dropped: page.dropped - cursor.dropped,
        });
        cursor.dropped = page.dropped;
      }
      for (const applied of page.events) {
        this.#sink({
          type: 'applied',
          site: member.site,
          member: member.name,
          uid: cursor.uid,
          seq: applied.seq,
          appliedAtMs: applied.appliedAtMs,
          source: applied.source,
          ...(applied.fromDsid !== undefined ? { fromDsid: applied.fromDsid } : {}),
          event: applied.event,
        });
        cursor.after = applied.seq;
        if (applied.source !== 'local')
          this.#noteLag(member.site, applied.appliedAtMs, applied.event);
      }
      if (page.events.length === 0 || cursor.after >= page.lastSeq) return;
    }
  }

  #noteLag(
    site: string,
    appliedAtMs: number,
    event: { createdAtMs: number; originDsid: number },
  ): void {
    const origin = this.#members.find((m) => m.siteId === event.originDsid)?.site;
    const lag =
      appliedAtMs -
      this.#offsetOf(site) -
      (event.createdAtMs - (origin ? this.#offsetOf(origin) : 0));
    this.#lags.push(Math.max(0, lag));
    if (this.#lags.length > RECENT_LAGS) this.#lags.shift();
  }

  #forgetQueues(member: string): void {
    for (const name of [...this.#queues.keys()])
      if (name.startsWith(`${member}/`)) this.#queues.delete(name);
  }
}

/**
 * A page of the member's receipt log (GET /v1/receipts), or undefined when the engine has no
 * such route: receipts are optional, the applied-event log is not.
 */
async function readReceipts(
  client: MemberClient,
  after: number,
  limit: number,
): Promise<ReceiptsPage | undefined> {
  try {
    return await client.get<ReceiptsPage>(`/v1/receipts?after=${after}&limit=${limit}`, {
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof ControlApiError && error.status === 404) return undefined;
    throw error;
  }
}
