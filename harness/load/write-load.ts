import { setTimeout as delay } from 'node:timers/promises';
import type { JsonValue, WriteResult } from '../../contract/index.js';
import type { MemberClient } from '../client/member-client.js';
import { messageOf } from '../errors.js';

/** Where the load may write: the members of the site that are running right now. */
export type WriteTargets = () => Array<{ name: string; client: MemberClient }>;

export interface WriteLoadOptions {
  region: string;
  prefix: string;
  count: number;
  /** Writers in parallel; each takes the next key. */
  concurrency: number;
  targets: WriteTargets;
  /** Per write attempt; a write that gets no answer in time is tried again elsewhere. */
  requestTimeoutMs: number;
  /** Give up on a key after trying this long (it then counts as not acknowledged). */
  keyDeadlineMs: number;
}

/** One key's fate: acknowledged (by which member, with what result) or not. */
export interface WriteRecord {
  key: string;
  value: JsonValue;
  acknowledged: boolean;
  member?: string;
  result?: WriteResult;
  attempts: number;
  lastError?: string;
}

const RETRY_PAUSE_MS = 50;

/**
 * A steady write load against one site, as a client of it would run it: each key is written
 * once, to the next running member; a write that fails or gets no answer (its member died or
 * froze) is sent again to another member, so a key is acknowledged at most after a retry.
 * The history says which writes were acknowledged: those are the ones no fault may lose.
 */
export class WriteLoad {
  readonly #options: WriteLoadOptions;
  readonly #records: WriteRecord[] = [];
  #next = 0;
  #turn = 0;
  #stopped = false;
  #done: Promise<void> | undefined;
  #finished = false;
  #ackListeners: Array<() => void> = [];

  constructor(options: WriteLoadOptions) {
    this.#options = options;
  }

  start(): void {
    this.#done ??= Promise.all(
      Array.from({ length: this.#options.concurrency }, () => this.#writer()),
    ).then(() => {
      this.#finished = true;
    });
  }

  /** Resolves when every key was written or given up on. */
  finished(): Promise<void> {
    this.start();
    return this.#done!;
  }

  stop(): void {
    this.#stopped = true;
  }

  get acknowledged(): WriteRecord[] {
    return this.#records.filter((r) => r.acknowledged);
  }

  get records(): readonly WriteRecord[] {
    return this.#records;
  }

  /** Resolves once at least `count` writes are acknowledged (or the load ended). */
  async untilAcknowledged(count: number): Promise<void> {
    while (this.acknowledged.length < count && !this.#finished) {
      await new Promise<void>((resolve) => {
        this.#ackListeners.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async #writer(): Promise<void> {
    while (!this.#stopped && this.#next < this.#options.count) {
      const index = this.#next++;
      const record: WriteRecord = {
        key: `${this.#options.prefix}${index}`,
        value: `${this.#options.prefix}-value-${index}`,
        acknowledged: false,
        attempts: 0,
      };
      this.#records.push(record);
      await this.#write(record);
    }
  }

  async #write(record: WriteRecord): Promise<void> {
    const deadline = performance.now() + this.#options.keyDeadlineMs;
    while (!this.#stopped && performance.now() < deadline) {
      const targets = this.#options.targets();
      const target = targets[this.#turn++ % Math.max(1, targets.length)];
      if (!target) {
        await delay(RETRY_PAUSE_MS);
        continue;
      }
      record.attempts++;
      try {
        record.result = await target.client.put(this.#options.region, record.key, record.value, {
          timeoutMs: this.#options.requestTimeoutMs,
        });
        record.acknowledged = true;
        record.member = target.name;
        for (const wake of this.#ackListeners.splice(0)) wake();
        return;
      } catch (error) {
        record.lastError = `${target.name}: ${messageOf(error)}`;
        await delay(RETRY_PAUSE_MS);
      }
    }
  }
}
