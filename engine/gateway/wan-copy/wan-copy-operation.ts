import type {
  WanCopyRequest,
  WanCopyState,
  WanCopyStatus,
} from '../../../contract/control-api/wan-copy.js';
import type { Clock } from '../../clock.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Entry } from '../../region/region.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { AckOutcome } from '../sender/receiver-link.js';
import { copyEvent, type CopyEventContext } from './copy-events.js';
import { copyWaitMs } from './copy-rate.js';

/** The connection a wan-copy sends through (a ReceiverLink of the sender's remote site). */
export interface CopyLink {
  connect(): Promise<boolean>;
  send(events: RegionEvent[]): Promise<AckOutcome>;
  close(): void;
}

export interface WanCopyOperationDeps {
  link: CopyLink;
  clock: Clock;
  logger: Logger;
  /** Resolves after `ms`, or at once when the signal aborts (engine/sleep.ts). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface WanCopyTarget {
  id: string;
  region: string;
  senderId: string;
  remoteDsid: number;
  events: Omit<CopyEventContext, 'nowMs'>;
}

/** As Geode's MAX_BATCH_SEND_RETRIES: a batch whose connection broke is sent once more. */
const RESENDS_MAX = 1;

/**
 * One wan-copy (GEODE-7): sends a snapshot of a region's live entries to a remote site in
 * batches through its own connection, each entry with its own version, waiting after each
 * batch to keep to the maximum rate; cancel stops it after the batch in flight.
 */
export class WanCopyOperation {
  readonly #target: WanCopyTarget;
  readonly #request: WanCopyRequest;
  readonly #deps: WanCopyOperationDeps;
  readonly #entries: ReadonlyArray<[string, Entry]>;
  readonly #abort = new AbortController();
  readonly #startedAtMs: number;
  readonly #startedMonoMs: number;
  #state: WanCopyState = 'running';
  #copied = 0;
  #batches = 0;
  #endedAtMs: number | undefined;
  #elapsedMs: number | undefined;
  #error: { code: string; message: string } | undefined;

  constructor(
    target: WanCopyTarget,
    request: WanCopyRequest,
    entries: ReadonlyArray<[string, Entry]>,
    deps: WanCopyOperationDeps,
  ) {
    this.#target = target;
    this.#request = request;
    this.#entries = entries;
    this.#deps = deps;
    this.#startedAtMs = deps.clock.now();
    this.#startedMonoMs = deps.clock.monotonicMs();
  }

  get state(): WanCopyState {
    return this.#state;
  }

  /** Runs to the end; never rejects (a failure is the operation's state). */
  async run(): Promise<void> {
    try {
      await this.#copyAll();
      this.#end(this.#abort.signal.aborted ? 'cancelled' : 'done');
    } catch (error) {
      this.#error = { code: 'WAN_ERR_WAN_COPY_FAILED', message: errorMessage(error) };
      this.#end('failed');
    } finally {
      this.#deps.link.close();
    }
  }

  cancel(): void {
    if (this.#state === 'running') this.#abort.abort();
  }

  status(): WanCopyStatus {
    const { id, region, senderId, remoteDsid } = this.#target;
    return {
      id,
      region,
      senderId,
      remoteDistributedSystemId: remoteDsid,
      state: this.#state,
      total: this.#entries.length,
      copied: this.#copied,
      batches: this.#batches,
      maxRatePerSecond: this.#request.maxRatePerSecond,
      batchSize: this.#request.batchSize,
      startedAtMs: this.#startedAtMs,
      elapsedMs: this.#elapsedMs ?? this.#deps.clock.monotonicMs() - this.#startedMonoMs,
      ...(this.#endedAtMs !== undefined ? { endedAtMs: this.#endedAtMs } : {}),
      ...(this.#error ? { error: this.#error } : {}),
    };
  }

  async #copyAll(): Promise<void> {
    const { batchSize } = this.#request;
    for (let from = 0; from < this.#entries.length; from += batchSize) {
      if (this.#abort.signal.aborted) return;
      const batch = this.#batch(from, Math.min(from + batchSize, this.#entries.length));
      await this.#send(batch);
      this.#copied += batch.length;
      this.#batches++;
      await this.#keepToRate();
    }
  }

  #batch(from: number, to: number): RegionEvent[] {
    const context = { ...this.#target.events, nowMs: this.#deps.clock.now() };
    return this.#entries
      .slice(from, to)
      .map(([key, entry], i) => copyEvent(context, key, entry, from + i));
  }

  async #send(batch: RegionEvent[]): Promise<void> {
    let events = batch;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#deps.link.send(events);
      if (outcome.kind === 'ok') {
        const failure = outcome.ack.failures[0];
        if (failure)
          throw new Error(
            `the remote site failed "${events[failure.index]?.key}": ${failure.message}`,
          );
        return;
      }
      if (attempt >= RESENDS_MAX) {
        throw new Error(`connection error after ${this.#copied} entries: ${outcome.error.message}`);
      }
      this.#deps.logger.warn(
        { err: outcome.error.message },
        'wan-copy batch not acknowledged; resending',
      );
      if (!(await this.#deps.link.connect())) {
        throw new Error(
          `no receiver of site ${this.#target.remoteDsid} answered after ${this.#copied} entries`,
        );
      }
      events = batch.map((event) => ({ ...event, possibleDuplicate: true }));
    }
  }

  async #keepToRate(): Promise<void> {
    const elapsedMs = this.#deps.clock.monotonicMs() - this.#startedMonoMs;
    const waitMs = copyWaitMs(elapsedMs, this.#copied, this.#request.maxRatePerSecond);
    if (waitMs > 0) await this.#deps.sleep(waitMs, this.#abort.signal);
  }

  #end(state: WanCopyState): void {
    this.#state = state;
    this.#endedAtMs = this.#deps.clock.now();
    this.#elapsedMs = this.#deps.clock.monotonicMs() - this.#startedMonoMs;
    const { id, region, senderId } = this.#target;
    this.#deps.logger.info(
      {
        wanCopy: id,
        region,
        sender: senderId,
        state,
        copied: this.#copied,
        elapsedMs: this.#elapsedMs,
      },
      'wan-copy ended',
    );
  }
}
