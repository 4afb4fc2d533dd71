import type { Clock } from '../../clock.js';
import type { SenderConfig } from '../../config/sender-schema.js';
import type { Logger } from '../../log.js';
import type { RegionEvent } from '../../region/region-event.js';
import { sleep } from '../../sleep.js';
import type { EventQueue } from '../queue/event-queue.js';
import { MemoryQueue } from '../queue/memory-queue.js';
import { Dispatcher } from './dispatcher.js';
import type {
  GatewaySender,
  ReceiverDirectory,
  SenderState,
  SenderStatus,
} from './gateway-sender.js';
import { PauseGate } from './pause-gate.js';
import { ReceiverLink } from './receiver-link.js';
import { emptyCounters, type SenderCounters } from './sender-stats.js';

export interface SenderDeps {
  clock: Clock;
  logger: Logger;
  localDsid: number;
  memberUid: string;
  directory: ReceiverDirectory;
  random: () => number;
}

const SHUTDOWN_POLL_MS = 50;

/** A serial gateway sender on one member: one queue, one dispatcher (SEND-3, SEND-4). */
export class SerialGatewaySender implements GatewaySender {
  readonly id: string;
  readonly remoteDsid: number;
  readonly parallel = false;
  readonly #config: SenderConfig;
  readonly #deps: SenderDeps;
  readonly #queue: EventQueue;
  readonly #gate = new PauseGate();
  readonly #stats: SenderCounters = emptyCounters();
  #dispatcher: Dispatcher | undefined;
  #running: AbortController | undefined;
  #loop: Promise<void> | undefined;

  constructor(config: SenderConfig, deps: SenderDeps) {
    this.id = config.id;
    this.remoteDsid = config.remoteDistributedSystemId;
    this.#config = config;
    this.#deps = deps;
    this.#queue = new MemoryQueue(deps.clock);
  }

  isRunning(): boolean {
    return this.#running !== undefined;
  }

  async start(): Promise<void> {
    if (this.#running) return;
    const controller = new AbortController();
    this.#running = controller;
    const dispatcher = this.#createDispatcher(0);
    this.#dispatcher = dispatcher;
    // SEND-10: one attempt at creation; after that, only when a batch is waiting.
    void dispatcher.link.connect();
    this.#loop = dispatcher.run(controller.signal);
    this.#deps.logger.info({ sender: this.id }, 'gateway sender started');
  }

  /** STOP-3: a primary waits up to maximumShutdownWaitS for its queue to drain (-1: no limit). */
  async stop(): Promise<void> {
    const controller = this.#running;
    if (!controller) return;
    await this.#drainBeforeStop();
    this.#running = undefined;
    controller.abort();
    this.#dispatcher?.link.close();
    await this.#loop;
    this.#queue.clear();
    this.#gate.resume();
    this.#deps.logger.info({ sender: this.id }, 'gateway sender stopped');
  }

  pause(): void {
    if (!this.#running) return;
    this.#gate.pause();
    this.#deps.logger.info({ sender: this.id }, 'gateway sender paused');
  }

  resume(): void {
    if (!this.#running) return;
    this.#gate.resume();
    this.#deps.logger.info({ sender: this.id }, 'gateway sender resumed');
  }

  enqueue(event: RegionEvent): void {
    this.#stats.eventsReceived++;
    if (!this.#running) {
      this.#stats.eventsNotQueued++;
      return;
    }
    this.#queue.enqueue(event);
    this.#stats.eventsQueued++;
  }

  countNotQueued(): void {
    this.#stats.eventsReceived++;
    this.#stats.eventsNotQueued++;
  }

  status(): SenderStatus {
    const link = this.#dispatcher?.link;
    const state: SenderState = !this.#running
      ? 'stopped'
      : this.#gate.paused
        ? 'paused'
        : 'running';
    return {
      id: this.id,
      remoteDistributedSystemId: this.remoteDsid,
      parallel: false,
      state,
      running: state !== 'stopped',
      paused: state === 'paused',
      primary: true,
      connected: this.#running !== undefined && (link?.connected ?? false),
      ...(link?.address ? { receiver: link.address } : {}),
      queue: this.#queue.stats(),
      stats: { ...this.#stats },
    };
  }

  async close(): Promise<void> {
    this.#deps.logger.debug({ sender: this.id }, 'closing gateway sender');
    const controller = this.#running;
    this.#running = undefined;
    controller?.abort();
    this.#dispatcher?.link.close();
    await this.#loop;
    await this.#queue.close();
  }

  #createDispatcher(index: number): Dispatcher {
    const { logger, localDsid, memberUid, directory, random } = this.#deps;
    const config = this.#config;
    const link = new ReceiverLink({
      senderId: this.id,
      localDsid,
      remoteDsid: this.remoteDsid,
      memberUid,
      dispatcher: index,
      directory,
      connectTimeoutMs: config.connectTimeoutMs,
      socketReadTimeoutMs: config.socketReadTimeoutMs,
      logger: logger.child({ sender: this.id, dispatcher: index }),
      random,
    });
    return new Dispatcher(index, {
      queue: this.#queue,
      link,
      gate: this.#gate,
      settings: config,
      stats: this.#stats,
      logger: logger.child({ sender: this.id, dispatcher: index }),
    });
  }

  async #drainBeforeStop(): Promise<void> {
    const waitS = this.#config.maximumShutdownWaitS;
    if (waitS === 0) return;
    const deadline = waitS < 0 ? Infinity : this.#deps.clock.monotonicMs() + waitS * 1000;
    while (this.#queue.stats().size > 0 && this.#deps.clock.monotonicMs() < deadline) {
      await sleep(SHUTDOWN_POLL_MS);
    }
  }
}
