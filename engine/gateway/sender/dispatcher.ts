import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { sleep } from '../../sleep.js';
import type { AckMessage } from '../protocol/messages.js';
import type { EventQueue } from '../queue/event-queue.js';
import type { PauseGate } from './pause-gate.js';
import type { ReceiverLink } from './receiver-link.js';
import type { SenderCounters } from './sender-stats.js';

export interface DispatcherSettings {
  batchSize: number;
  batchTimeIntervalMs: number;
  retryIntervalMs: number;
}

/**
 * One dispatcher: peek a batch, send it, wait for the ack, and only then remove it from the
 * queue (BATCH-1). A lost connection or missing ack sends the whole batch again, flagged
 * possibleDuplicate (BATCH-2, BATCH-4); with no receiver reachable the batch stays queued
 * and the dispatcher retries after `retryIntervalMs` (BATCH-5).
 */
export class Dispatcher {
  readonly index: number;
  readonly #queue: EventQueue;
  readonly #link: ReceiverLink;
  readonly #gate: PauseGate;
  readonly #settings: DispatcherSettings;
  readonly #stats: SenderCounters;
  readonly #logger: Logger;

  constructor(
    index: number,
    parts: {
      queue: EventQueue;
      link: ReceiverLink;
      gate: PauseGate;
      settings: DispatcherSettings;
      stats: SenderCounters;
      logger: Logger;
    },
  ) {
    this.index = index;
    this.#queue = parts.queue;
    this.#link = parts.link;
    this.#gate = parts.gate;
    this.#settings = parts.settings;
    this.#stats = parts.stats;
    this.#logger = parts.logger;
  }

  get link(): ReceiverLink {
    return this.#link;
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#dispatchOnce(signal);
      } catch (error) {
        this.#logger.error({ err: errorMessage(error), dispatcher: this.index }, 'dispatch failed');
        await sleep(this.#settings.retryIntervalMs, signal);
      }
    }
  }

  async #dispatchOnce(signal: AbortSignal): Promise<void> {
    await this.#gate.pass(signal);
    const { batchSize, batchTimeIntervalMs, retryIntervalMs } = this.#settings;
    const batch = await this.#queue.peek(batchSize, batchTimeIntervalMs, signal);
    if (batch.length === 0 || signal.aborted) return;
    if (!(await this.#link.connect())) {
      this.#stats.connectFailures++;
      this.#logger.debug(
        { waitMs: retryIntervalMs },
        'no gateway receiver reachable; batch stays queued',
      );
      await sleep(retryIntervalMs, signal);
      return;
    }
    const outcome = await this.#link.send(batch);
    this.#stats.batchesDispatched++;
    if (outcome.kind === 'ok') {
      this.#acknowledged(batch.length, outcome.ack);
      return;
    }
    // fail or unknown: the receiver may have applied any prefix of the batch.
    this.#stats.batchesRedistributed++;
    this.#queue.markPossibleDuplicate(batch.length);
    this.#logger.warn(
      { outcome: outcome.kind, err: outcome.error.message, events: batch.length },
      'batch not acknowledged; it will be sent again',
    );
  }

  /** BATCH-3: applied and failed events alike leave the queue; failures are logged and counted. */
  #acknowledged(count: number, ack: AckMessage): void {
    this.#queue.remove(count);
    this.#stats.eventsDistributed += count;
    if (ack.failures.length === 0) return;
    this.#stats.eventsFailed += ack.failures.length;
    for (const failure of ack.failures) {
      this.#logger.error(
        { failure, lastAppliedIndex: ack.lastAppliedIndex, batchId: ack.batchId },
        'receiver failed an event; removed from the queue',
      );
    }
  }
}
