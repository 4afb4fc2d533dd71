import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Credentials } from '../../security/credentials.js';
import type { OnEventFailure } from '../../../contract/control-api/receiver-config.js';
import type { FramedSocket } from '../../net/framed-socket.js';
import { WIRE_PROTOCOL_VERSION } from '../../version.js';
import type { TransportCompression } from '../../../contract/transport.js';
import { decodePayload } from '../../net/frame-codec.js';
import {
  GATEWAY_PROTOCOL,
  helloCompression,
  helloContext,
  parseClientMessage,
  type AckFailure,
  type AckMessage,
  type BatchMessage,
  type CompressedBatchMessage,
  type HelloMessage,
} from '../protocol/messages.js';
import { changedEvent } from '../../region/region-event.js';
import { decompressPayload } from '../transport/batch-compression.js';
import type { ReceiverTransportCounters } from '../transport/receiver-transport.js';
import type { DedupTracker } from './dedup-tracker.js';
import type { ApplyResult, EventApplier } from './event-applier.js';
import type { ReceiverCounters } from './receiver-stats.js';

export interface SessionContext {
  localDsid: number;
  memberUid: string;
  applier: EventApplier;
  dedup: DedupTracker;
  stats: ReceiverCounters;
  logger: Logger;
  onEventFailure: OnEventFailure;
  /** Told to senders in the welcome, so that they split batches to fit. */
  maxFrameBytes: number;
  /** Whose senders it takes: the sites the topology connects to it (issue 17). */
  credentials: Credentials;
  /** The codec senders must announce (issue 15): batches of another one are never applied. */
  compression: TransportCompression;
  transport: ReceiverTransportCounters;
}

interface Refusal {
  code: 'WAN_ERR_HANDSHAKE_REFUSED' | 'WAN_ERR_TRANSPORT_MISMATCH';
  message: string;
}

/** One sender connection on a receiver: handshake, then batches in, one ack per batch. */
export class ReceiverSession {
  readonly #socket: FramedSocket;
  readonly #context: SessionContext;
  #hello: HelloMessage | undefined;
  #lastBatchId = -1;
  /**
   * After a refusal or a protocol error nothing more is taken: no batch already received is
   * applied (its predecessor was not), and nothing sent after a refusal is read.
   */
  #failed = false;
  /** Batches of one connection are applied and acknowledged one after the other. */
  #applying: Promise<void> = Promise.resolve();

  constructor(socket: FramedSocket, context: SessionContext) {
    this.#socket = socket;
    this.#context = context;
    socket.onMessage((raw) => this.#onMessage(raw));
  }

  get sender(): string | undefined {
    return this.#hello ? `${this.#hello.senderId}@${this.#hello.senderDsid}` : undefined;
  }

  close(): void {
    this.#socket.close();
  }

  #onMessage(raw: unknown): void {
    // Refused or failed: what the peer sent after it is ignored while the refusal is flushed.
    if (this.#failed) return;
    try {
      const message = parseClientMessage(raw);
      if (message.t === 'hello') this.#onHello(message);
      else if (!this.#hello) throw new Error(`"${message.t}" before hello`);
      else if (message.t === 'batch' || message.t === 'zbatch') {
        this.#expectCompressed(message.t === 'zbatch');
        this.#applying = this.#applying
          .then(() => this.#onBatch(message))
          .catch((error: unknown) => this.#fail(error));
      } else this.#socket.send({ t: 'pong' });
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    this.#failed = true;
    this.#context.stats.protocolErrors++;
    this.#context.logger.error(
      { peer: this.#socket.remote, err: errorMessage(error) },
      'closing gateway connection after a protocol error',
    );
    this.#socket.close();
  }

  /** A batch of the other kind than the handshake agreed on is a protocol error. */
  #expectCompressed(compressed: boolean): void {
    const agreed = helloCompression(this.#hello!);
    if (compressed === (agreed !== 'none')) return;
    throw new Error(
      `a ${compressed ? 'compressed' : 'plain'} batch on a connection that agreed on compression ${agreed}`,
    );
  }

  #onHello(hello: HelloMessage): void {
    const { localDsid, memberUid, stats, logger } = this.#context;
    const refusal = this.#refusal(hello);
    if (refusal) {
      stats.handshakesRefused++;
      if (refusal.code === 'WAN_ERR_TRANSPORT_MISMATCH')
        this.#context.transport.transportMismatches++;
      logger.warn(
        {
          peer: this.#socket.remote,
          sender: `${hello.senderId}@${hello.senderDsid}`,
          code: refusal.code,
          refusal: refusal.message,
        },
        'gateway handshake refused',
      );
      // Sent before the close: a destroyed socket drops what is still corked.
      this.#failed = true;
      this.#socket.send({ t: 'refused', ...refusal });
      this.#socket.closeAfterFlush();
      return;
    }
    this.#hello = hello;
    stats.connectionsAccepted++;
    logger.info({ sender: this.sender, peer: this.#socket.remote }, 'gateway sender connected');
    this.#socket.send({
      t: 'welcome',
      version: WIRE_PROTOCOL_VERSION,
      receiverDsid: localDsid,
      receiverMember: memberUid,
      maxFrameBytes: this.#context.maxFrameBytes,
    });
  }

  #refusal(hello: HelloMessage): Refusal | undefined {
    const message = this.#handshakeRefusal(hello);
    if (message) return { code: 'WAN_ERR_HANDSHAKE_REFUSED', message };
    const theirs = helloCompression(hello);
    const ours = this.#context.compression;
    if (theirs === ours) return undefined;
    return {
      code: 'WAN_ERR_TRANSPORT_MISMATCH',
      message: `sender ${hello.senderId}@${hello.senderDsid} compresses batches with ${theirs} but this receiver takes ${ours} (transport.compression)`,
    };
  }

  #handshakeRefusal(hello: HelloMessage): string | undefined {
    if (this.#hello) return 'hello sent twice';
    if (hello.protocol !== GATEWAY_PROTOCOL || hello.version !== WIRE_PROTOCOL_VERSION) {
      return `protocol ${hello.protocol} v${hello.version} is not ${GATEWAY_PROTOCOL} v${WIRE_PROTOCOL_VERSION}`;
    }
    if (hello.expectDsid !== this.#context.localDsid) {
      return `sender expected site ${hello.expectDsid} but this receiver is site ${this.#context.localDsid}`;
    }
    return this.#context.credentials.refusal(
      'gateway',
      hello.auth,
      helloContext(hello),
      hello.senderDsid,
    );
  }

  /**
   * A compressed batch (issue 15), decompressed within the receiver's frame limit, decoded and
   * checked like a plain one; one that fails any of it closes the connection, nothing applied.
   */
  async #decompress(message: CompressedBatchMessage): Promise<BatchMessage> {
    const { transport, maxFrameBytes } = this.#context;
    const codec = helloCompression(this.#hello!);
    if (codec === 'none') throw new Error('a compressed batch without compression agreed');
    const payload = await decompressPayload(codec, message.data, maxFrameBytes);
    const events = decodePayload(payload);
    const batch = parseClientMessage({ t: 'batch', batchId: message.batchId, events });
    transport.batchBytesOnWire += message.data.byteLength;
    transport.batchBytesDecompressed += payload.length;
    return batch as BatchMessage;
  }

  async #onBatch(message: BatchMessage | CompressedBatchMessage): Promise<void> {
    if (this.#failed) return;
    const batch = message.t === 'zbatch' ? await this.#decompress(message) : message;
    if (this.#failed) return;
    const { stats } = this.#context;
    stats.batchesReceived++;
    if (batch.batchId <= this.#lastBatchId) {
      // Geode acknowledges a batch id it already answered without applying it again.
      stats.duplicateBatchesReceived++;
      this.#ack(batch, batch.events.length, [], batch.events.length - 1);
      return;
    }
    if (batch.batchId !== this.#lastBatchId + 1) stats.outOfOrderBatchesReceived++;
    this.#lastBatchId = batch.batchId;
    await this.#applyBatch(batch);
  }

  /**
   * RECV-1, RECV-2, BATCH-3: apply in order; a failure stops the batch or is skipped. In a
   * site of several members an apply waits for the key's primary and its copies, so the
   * events of a batch are started in order and awaited together. With `stop`, the batch is
   * cut before an event the member cannot take (an unknown region): that one fails, the rest
   * stay at the sender. A failure found only while applying stops the ack there too; events
   * after it that were applied meanwhile come again and are dropped as duplicates.
   */
  async #applyBatch(batch: BatchMessage): Promise<void> {
    const { stats, onEventFailure } = this.#context;
    const failures: AckFailure[] = [];
    let lastAppliedIndex = -1;
    let processed = 0;
    const events = onEventFailure === 'stop' ? this.#untilRefused(batch.events) : batch.events;
    const results = await Promise.all(events.map((event) => this.#applyOne(event)));
    for (const result of results) {
      const index = processed++;
      const event = batch.events[index]!;
      if (result === 'duplicate') {
        stats.duplicatesDropped++;
        lastAppliedIndex = index;
        continue;
      }
      if (result.kind === 'failed') {
        stats.exceptions++;
        this.#context.dedup.forget(this.#lane(), event);
        failures.push({ index, eventId: event.id, code: result.code, message: result.message });
        if (onEventFailure === 'stop') break;
        continue;
      }
      if (result.kind === 'applied') stats.eventsApplied++;
      else stats.eventsDiscardedByConflict++;
      lastAppliedIndex = index;
    }
    this.#ack(batch, processed, failures, lastAppliedIndex);
  }

  /** The events up to and including the first one the member refuses outright. */
  #untilRefused(events: BatchMessage['events']): BatchMessage['events'] {
    const { applier } = this.#context;
    const refused = events.findIndex((event) => applier.accepts?.(event) === false);
    return refused < 0 ? events : events.slice(0, refused + 1);
  }

  #applyOne(event: BatchMessage['events'][number]): Promise<ApplyResult | 'duplicate'> {
    const { applier, dedup, stats } = this.#context;
    const hello = this.#hello!;
    stats.eventsReceived++;
    if (event.possibleDuplicate) stats.possibleDuplicatesReceived++;
    const lane = this.#lane();
    if (!dedup.admit(lane, event)) return Promise.resolve('duplicate');
    const forwarded = changedEvent(event, { lanes: [...(event.lanes ?? []), hello.dispatcher] });
    return Promise.resolve(applier.apply(forwarded, hello.senderDsid)).catch(
      (error: unknown): ApplyResult => ({
        kind: 'failed',
        code: 'WAN_ERR_APPLY',
        message: errorMessage(error),
      }),
    );
  }

  #lane(): string {
    const hello = this.#hello!;
    return `${hello.senderDsid}/${hello.senderId}/${hello.dispatcher}`;
  }

  #ack(
    batch: BatchMessage,
    processed: number,
    failures: AckFailure[],
    lastAppliedIndex: number,
  ): void {
    const ack: AckMessage = {
      t: 'ack',
      batchId: batch.batchId,
      count: batch.events.length,
      processed,
      failures,
      lastAppliedIndex,
    };
    this.#socket.send(ack);
  }
}
