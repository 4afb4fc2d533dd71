import type { Clock } from '../../clock.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RegionEvent } from '../../region/region-event.js';
import { sleep } from '../../sleep.js';
import type { AckMessage } from '../protocol/messages.js';
import type { EventQueue } from '../queue/event-queue.js';
import type { FailureLog } from './failure-log.js';
import type { PauseGate } from './pause-gate.js';
import type { ReceiverLink } from './receiver-link.js';
import type { SenderCounters } from './sender-stats.js';
import { BATCH_BYTES_MAX } from '../../../contract/value-limits.js';
import { withinBatchBytes } from './batch-bytes.js';
import { fitToFrame } from './frame-fit.js';
import { hasIncompleteTransaction } from './transactions-in-batch.js';
import type { EventFilterChain } from '../filter/event-filter-chain.js';

/** Read before every batch, so a runtime alteration applies to the next one. */
export interface DispatcherSettings {
  batchSize: number;
  batchTimeIntervalMs: number;
  retryIntervalMs: number;
  groupTransactionEvents: boolean;
  alertThresholdMs: number;
  /** False: an event the receiver failed stays at the head of the queue and is sent again. */
  removeFromQueueOnException: boolean;
}

export interface DispatcherParts {
  queue: EventQueue;
  link: ReceiverLink;
  gate: PauseGate;
  settings: DispatcherSettings;
  stats: SenderCounters;
  failures: FailureLog;
  clock: Clock;
  logger: Logger;
  /** Called with the acknowledged events that left the queue (secondaries mirror removals). */
  onRemoved?: (events: RegionEvent[]) => void;
  /** The sender's gateway event filters: beforeTransmit and afterAcknowledgement (issue 15). */
  filters?: EventFilterChain;
}

/**
 * A batch as peeked (`peeked`, what leaves the queue with its ack) and as sent (`sent`: what
 * the filters let through; `positions[i]` is where sent[i] was in `peeked`).
 */
interface Transmission {
  peeked: RegionEvent[];
  sent: RegionEvent[];
  positions: number[] | undefined;
}

/** How many peeked events precede the first of the sent events not handled (`handled`). */
function peekedCount(transmission: Transmission, handled: number): number {
  const { peeked, sent, positions } = transmission;
  if (handled >= sent.length) return peeked.length;
  return positions ? positions[handled]! : handled;
}

/**
 * After a batch failed, wait this long (or retryIntervalMs if shorter) before sending again:
 * Geode's ack reader sleeps gemfire.gateway-connection-retry-interval (1000 ms) after a lost
 * connection. Without it, a link that cuts every connection would be hammered.
 */
const RESEND_BACKOFF_MS = 1000;

/** Geode logs a failed connect on the 1st, 30th and 300th attempt, then every 3000th. */
function worthLogging(failuresInARow: number): boolean {
  return (
    failuresInARow === 1 ||
    failuresInARow === 30 ||
    failuresInARow === 300 ||
    failuresInARow % 3000 === 0
  );
}

/**
 * One dispatcher lane: peek a batch, send it, wait for the ack, and only then remove it
 * from the queue (BATCH-1). A lost connection or missing ack sends the whole batch again,
 * flagged possibleDuplicate (BATCH-2, BATCH-4); with no receiver reachable the batch stays
 * queued and the dispatcher retries after `retryIntervalMs` (BATCH-5). One batch at most is
 * in flight, so after a pause at most that batch arrives (PAUSE-4).
 */
export class Dispatcher {
  readonly index: number;
  readonly #parts: DispatcherParts;
  #inFlightEvents = 0;
  #batchesDispatched = 0;
  #eventsDistributed = 0;
  #failuresInARow = 0;
  #connecting: Promise<boolean> | undefined;

  constructor(index: number, parts: DispatcherParts) {
    this.index = index;
    this.#parts = parts;
  }

  get link(): ReceiverLink {
    return this.#parts.link;
  }

  get inFlightEvents(): number {
    return this.#inFlightEvents;
  }

  get batchesDispatched(): number {
    return this.#batchesDispatched;
  }

  get eventsDistributed(): number {
    return this.#eventsDistributed;
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#dispatchOnce(signal);
      } catch (error) {
        this.#parts.logger.error({ err: errorMessage(error) }, 'dispatch failed');
        await sleep(this.#parts.settings.retryIntervalMs, signal);
      }
    }
  }

  /** One attempt to reach a receiver; counted, and logged now and then while it fails. */
  tryConnect(): Promise<boolean> {
    if (this.#parts.link.connected) return Promise.resolve(true);
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<boolean> {
    const { link, stats, logger, settings } = this.#parts;
    stats.connectAttempts++;
    if (await link.connect()) {
      this.#failuresInARow = 0;
      return true;
    }
    stats.connectFailures++;
    this.#failuresInARow++;
    if (worthLogging(this.#failuresInARow)) {
      logger.warn(
        { attempts: this.#failuresInARow, retryIntervalMs: settings.retryIntervalMs },
        'no gateway receiver of the remote site is reachable; queued events wait',
      );
    }
    return false;
  }

  async #dispatchOnce(signal: AbortSignal): Promise<void> {
    const { queue, gate, settings } = this.#parts;
    await gate.pass(signal);
    const peeked = await queue.peek({
      maxEvents: settings.batchSize,
      waitMs: settings.batchTimeIntervalMs,
      signal,
      completeTransactions: settings.groupTransactionEvents,
    });
    // Whatever batchSize says, a batch stays small enough for a receiver's frame.
    const batch = withinBatchBytes(peeked, BATCH_BYTES_MAX, settings.groupTransactionEvents);
    // PAUSE-1: a pause that came while the batch filled up keeps it home.
    if (batch.length === 0 || signal.aborted || gate.paused) return;
    if (!(await this.tryConnect())) {
      await sleep(settings.retryIntervalMs, signal);
      return;
    }
    if (signal.aborted || gate.paused) return;
    const fit = fitToFrame(batch, this.#parts.link.maxFrameBytes);
    if (fit.kind === 'too-large') return this.#moveAside(fit.event, fit.bytes);
    if (fit.events.length < batch.length) this.#resized(batch.length, fit.events.length);
    const transmission = this.#filtered(fit.events);
    if (transmission.sent.length === 0) return this.#allFiltered(transmission.peeked);
    await this.#send(transmission, signal);
  }

  /** beforeTransmit: filtered events stay out of the batch, and leave with its ack. */
  #filtered(peeked: RegionEvent[]): Transmission {
    const filters = this.#parts.filters;
    if (!filters || filters.empty) return { peeked, sent: peeked, positions: undefined };
    const sent: RegionEvent[] = [];
    const positions: number[] = [];
    peeked.forEach((event, index) => {
      if (filters.beforeTransmit(event)) {
        sent.push(event);
        positions.push(index);
      }
    });
    this.#parts.stats.eventsFiltered += peeked.length - sent.length;
    return { peeked, sent, positions };
  }

  /** Nothing left to send: the filtered events leave the queue at once. */
  #allFiltered(peeked: RegionEvent[]): void {
    this.#parts.queue.remove(peeked.length);
    this.#parts.onRemoved?.(peeked);
  }

  /** A batch over the receiver's frame limit goes in halves (Geode's batchesResized). */
  #resized(from: number, to: number): void {
    this.#parts.stats.batchesResized++;
    this.#parts.logger.info(
      { events: from, sent: to, maxFrameBytes: this.#parts.link.maxFrameBytes },
      "batch split to fit the receiver's frame limit",
    );
  }

  /**
   * An event too large for any frame of the receiver can never be sent: it leaves the queue
   * (and the secondaries' copies), is counted as failed and listed in recentFailures, and the
   * lane goes on with the next event.
   */
  #moveAside(event: RegionEvent, bytes: number): void {
    const { queue, stats, failures, logger, clock, link } = this.#parts;
    queue.remove(1);
    this.#parts.onRemoved?.([event]);
    stats.eventsFailed++;
    stats.eventsTooLarge++;
    const message = `event of ${bytes} bytes exceeds the receiver's frame limit of ${link.maxFrameBytes} bytes; removed from the queue`;
    failures.add({
      atMs: clock.now(),
      dispatcher: this.index,
      region: event.region,
      key: event.key,
      eventId: event.id,
      code: 'WAN_ERR_FRAME_TOO_LARGE',
      message,
    });
    logger.error(
      {
        region: event.region,
        key: event.key,
        eventId: event.id,
        bytes,
        code: 'WAN_ERR_FRAME_TOO_LARGE',
      },
      `${message}: raise the receiver's maxFrameBytes or write smaller values`,
    );
  }

  async #send(transmission: Transmission, signal: AbortSignal): Promise<void> {
    const { link, stats, clock } = this.#parts;
    const batch = transmission.sent;
    const startedMs = clock.monotonicMs();
    this.#inFlightEvents = batch.length;
    stats.batchesDispatched++;
    this.#batchesDispatched++;
    const outcome = await link.send(batch);
    this.#inFlightEvents = 0;
    if (outcome.kind === 'ok') {
      stats.batchesAcknowledged++;
      stats.batchDistributionTimeMs += clock.monotonicMs() - startedMs;
      const kept = this.#acknowledged(transmission, outcome.ack);
      // A failed event kept in the queue is sent again after a pause, not at once.
      if (kept) await sleep(this.#parts.settings.retryIntervalMs, signal);
      return;
    }
    // fail or unknown: the receiver may have applied any prefix of the batch.
    stats.batchesRedistributed++;
    this.#parts.queue.markPossibleDuplicate(transmission.peeked.length);
    this.#parts.logger.warn(
      { outcome: outcome.kind, err: outcome.error.message, events: batch.length },
      'batch not acknowledged; it will be sent again flagged possibleDuplicate',
    );
    await sleep(Math.min(RESEND_BACKOFF_MS, this.#parts.settings.retryIntervalMs), signal);
  }

  /**
   * BATCH-3: the receiver handled the first `processed` events (applied, discarded, already
   * seen, or failed); they leave the queue. Events after a failure the receiver stopped at
   * stay queued and go in the next batch.
   */
  #acknowledged(transmission: Transmission, ack: AckMessage): boolean {
    const { queue, stats, settings } = this.#parts;
    const batch = transmission.sent;
    const handled = Math.max(0, Math.min(batch.length, ack.processed));
    const firstFailure = Math.min(handled, ...ack.failures.map((f) => f.index));
    // removeFromQueueOnException false: the failed event and what followed it stay queued.
    const keep = !settings.removeFromQueueOnException && firstFailure < handled;
    const processed = keep ? firstFailure : handled;
    const leaving = peekedCount(transmission, processed);
    queue.remove(leaving);
    if (keep) {
      // The receiver may have applied what followed the failure ('continue'): flag it.
      queue.markPossibleDuplicate(peekedCount(transmission, handled) - leaving);
      stats.eventsRetried += ack.failures.length;
    }
    this.#parts.onRemoved?.(transmission.peeked.slice(0, leaving));
    this.#parts.filters?.afterAcknowledgement(batch.slice(0, processed));
    stats.eventsDistributed += processed;
    this.#eventsDistributed += processed;
    if (hasIncompleteTransaction(batch.slice(0, processed))) {
      stats.batchesWithIncompleteTransactions++;
    }
    this.#checkAlertThreshold(batch, processed);
    for (const failure of ack.failures) this.#recordFailure(batch, ack, failure, keep);
    return keep;
  }

  #recordFailure(
    batch: RegionEvent[],
    ack: AckMessage,
    failure: AckMessage['failures'][0],
    kept: boolean,
  ): void {
    const { stats, failures, logger, clock } = this.#parts;
    stats.eventsFailed++;
    const event = batch[failure.index];
    const applied = ack.lastAppliedIndex >= 0 ? batch[ack.lastAppliedIndex] : undefined;
    const lastApplied = applied
      ? { region: applied.region, key: applied.key, eventId: applied.id }
      : undefined;
    failures.add({
      atMs: clock.now(),
      dispatcher: this.index,
      region: event?.region ?? '?',
      key: event?.key ?? '?',
      eventId: failure.eventId,
      code: failure.code,
      message: failure.message,
      ...(lastApplied ? { lastApplied } : {}),
    });
    logger.error(
      {
        region: event?.region,
        key: event?.key,
        eventId: failure.eventId,
        code: failure.code,
        err: failure.message,
        lastApplied,
        batchId: ack.batchId,
      },
      kept
        ? 'the receiver failed an event; it stays queued and is sent again (removeFromQueueOnException false)'
        : 'the receiver failed an event; it is removed from the queue (removeFromQueueOnException true)',
    );
  }

  #checkAlertThreshold(batch: RegionEvent[], processed: number): void {
    const { settings, stats, clock, logger } = this.#parts;
    if (settings.alertThresholdMs <= 0) return;
    const nowMs = clock.now();
    for (let i = 0; i < processed; i++) {
      const event = batch[i]!;
      const waitedMs = nowMs - event.createdAtMs;
      if (waitedMs <= settings.alertThresholdMs) continue;
      stats.eventsExceedingAlertThreshold++;
      logger.warn(
        { region: event.region, key: event.key, op: event.op, waitedMs },
        'event was in the queue longer than alertThresholdMs',
      );
    }
  }
}
