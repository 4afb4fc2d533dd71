import type {
  BucketsStatus,
  ClusterView,
  ClockAnswer,
  ConflictStatus,
  PutAllResult,
  DroppedEvent,
  EntryBody,
  EventsPage,
  HealthBody,
  JsonValue,
  ReceiverStatus,
  SenderAlteration,
  SenderStatus,
  WanCopyStatus,
  WriteResult,
} from '../../contract/index.js';
import { ControlClient, type RequestOptions } from './control-client.js';

export type SenderAction = 'pause' | 'resume' | 'stop' | 'start';

export type TransactionOperation =
  | { op: 'put'; region: string; key: string; value: JsonValue }
  | { op: 'destroy'; region: string; key: string };

export interface TransactionResult {
  transactionId: string;
  events: Array<Omit<WriteResult, 'key'> & { region: string; key: string }>;
}
export type ReceiverAction = 'start' | 'stop';

const enc = encodeURIComponent;

/** A typed client of one member's control API. */
export class MemberClient extends ControlClient {
  health(options?: RequestOptions): Promise<HealthBody> {
    return this.get('/health', options);
  }

  put(
    region: string,
    key: string,
    value: JsonValue,
    options: { thread?: number } & RequestOptions = {},
  ): Promise<WriteResult> {
    const body = options.thread === undefined ? { value } : { value, thread: options.thread };
    return this.request<WriteResult>(
      'PUT',
      `/v1/regions/${enc(region)}/entries/${enc(key)}`,
      body,
      options,
    ) as Promise<WriteResult>;
  }

  /** TX-1: every operation applies, in one transaction, or none does. */
  async transaction(
    operations: TransactionOperation[],
    options: { thread?: number; timeoutMs?: number } = {},
  ): Promise<TransactionResult> {
    const body =
      options.thread === undefined ? { operations } : { operations, thread: options.thread };
    return (await this.request<TransactionResult>(
      'POST',
      '/v1/transactions',
      body,
      options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs },
    )) as TransactionResult;
  }

  /** Undefined when the key has no live entry. */
  entry(region: string, key: string): Promise<EntryBody | undefined> {
    return this.request<EntryBody>(
      'GET',
      `/v1/regions/${enc(region)}/entries/${enc(key)}`,
      undefined,
      { allow: [404] },
    );
  }

  /** Undefined when there was nothing to destroy. */
  destroy(
    region: string,
    key: string,
    options: { thread?: number; timeoutMs?: number } = {},
  ): Promise<WriteResult | undefined> {
    const query = options.thread === undefined ? '' : `?thread=${options.thread}`;
    return this.request<WriteResult>(
      'DELETE',
      `/v1/regions/${enc(region)}/entries/${enc(key)}${query}`,
      undefined,
      {
        allow: [404],
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      },
    );
  }

  /** One event per entry, in order; answers once queued durably where that is asked (QUEUE-3). */
  async putAll(
    region: string,
    entries: Array<{ key: string; value: JsonValue }>,
    options: { thread?: number } & RequestOptions = {},
  ): Promise<WriteResult[]> {
    const body = options.thread === undefined ? { entries } : { entries, thread: options.thread };
    const answer = (await this.request<PutAllResult>(
      'POST',
      `/v1/regions/${enc(region)}/putAll`,
      body,
      { timeoutMs: 60000, ...options },
    )) as PutAllResult;
    return answer.results;
  }

  /** The region's conflict settings and counters (CONS-4..7). */
  conflicts(region: string): Promise<ConflictStatus> {
    return this.get(`/v1/regions/${enc(region)}/conflicts`);
  }

  async size(region: string): Promise<number> {
    return (await this.get<{ size: number }>(`/v1/regions/${enc(region)}/size`)).size;
  }

  async entries(region: string): Promise<EntryBody[]> {
    return (await this.get<{ entries: EntryBody[] }>(`/v1/regions/${enc(region)}/entries`)).entries;
  }

  async regions(): Promise<Array<{ name: string; type: string; size: number }>> {
    return (
      await this.get<{ regions: Array<{ name: string; type: string; size: number }> }>(
        '/v1/regions',
      )
    ).regions;
  }

  async clear(region: string): Promise<number> {
    return (
      (await this.request<{ cleared: number }>('POST', `/v1/regions/${enc(region)}/clear`)) as {
        cleared: number;
      }
    ).cleared;
  }

  async senders(): Promise<SenderStatus[]> {
    return (await this.get<{ senders: SenderStatus[] }>('/v1/senders')).senders;
  }

  sender(id: string): Promise<SenderStatus> {
    return this.get(`/v1/senders/${enc(id)}`);
  }

  async senderAction(id: string, action: SenderAction): Promise<SenderStatus> {
    return (await this.request<SenderStatus>(
      'POST',
      `/v1/senders/${enc(id)}/${action}`,
      undefined,
      { timeoutMs: 120000 },
    )) as SenderStatus;
  }

  async alterSender(id: string, changes: SenderAlteration): Promise<SenderStatus> {
    return (await this.request<SenderStatus>(
      'PATCH',
      `/v1/senders/${enc(id)}`,
      changes,
    )) as SenderStatus;
  }

  /** RECV-4: creates the member's receiver; refused when it already has one. */
  async createReceiver(config: Record<string, unknown>): Promise<ReceiverStatus> {
    return (await this.request<ReceiverStatus>('POST', '/v1/receiver', config)) as ReceiverStatus;
  }

  /** Removes the member's stopped receiver (issue 14: a receiver is replaced without a restart). */
  async removeReceiver(): Promise<void> {
    await this.request<{ removed: true }>('DELETE', '/v1/receiver');
  }

  receiver(): Promise<ReceiverStatus> {
    return this.get('/v1/receiver');
  }

  /** The receiver, or undefined when the member has none (404 WAN_ERR_RECEIVER_ABSENT). */
  receiverIfAny(): Promise<ReceiverStatus | undefined> {
    return this.request<ReceiverStatus>('GET', '/v1/receiver', undefined, { allow: [404] });
  }

  async receiverAction(action: ReceiverAction): Promise<ReceiverStatus> {
    return (await this.request<ReceiverStatus>('POST', `/v1/receiver/${action}`)) as ReceiverStatus;
  }

  events(after: number, limit = 10000): Promise<EventsPage> {
    return this.get(`/v1/events?after=${after}&limit=${limit}`);
  }

  /** The site as this member sees it (issue 4). */
  cluster(): Promise<ClusterView> {
    return this.get('/v1/cluster');
  }

  dropped(senderId: string): Promise<{ total: number; events: DroppedEvent[] }> {
    return this.get(`/v1/senders/${enc(senderId)}/dropped`);
  }

  async rebalance(senderId: string): Promise<SenderStatus> {
    return (await this.request<SenderStatus>(
      'POST',
      `/v1/senders/${enc(senderId)}/rebalance`,
    )) as SenderStatus;
  }

  buckets(region: string): Promise<BucketsStatus> {
    return this.get(`/v1/regions/${enc(region)}/buckets`);
  }

  clock(): Promise<ClockAnswer> {
    return this.get('/v1/clock');
  }

  /** Sets the offset; the clock runs again if it was fixed. */
  async setClockOffset(offsetMs: number): Promise<ClockAnswer> {
    return (await this.request<ClockAnswer>('PUT', '/v1/clock', { offsetMs })) as ClockAnswer;
  }

  /** Stops the clock at `fixedAtMs` (CONS-4 ties) until the next setClockOffset. */
  async fixClock(offsetMs: number, fixedAtMs: number): Promise<ClockAnswer> {
    return (await this.request<ClockAnswer>('PUT', '/v1/clock', {
      offsetMs,
      fixedAtMs,
    })) as ClockAnswer;
  }

  /** GEODE-7: starts a wan-copy; answers once connected to the remote site (then 202). */
  async wanCopy(
    region: string,
    request: { senderId: string; maxRatePerSecond?: number; batchSize?: number },
  ): Promise<WanCopyStatus> {
    return (await this.request<WanCopyStatus>(
      'POST',
      `/v1/regions/${enc(region)}/wan-copy`,
      request,
      { timeoutMs: 60000 },
    )) as WanCopyStatus;
  }

  async wanCopies(): Promise<WanCopyStatus[]> {
    return (await this.get<{ copies: WanCopyStatus[] }>('/v1/wan-copies')).copies;
  }

  wanCopyStatus(id: string): Promise<WanCopyStatus> {
    return this.get(`/v1/wan-copies/${enc(id)}`);
  }

  async cancelWanCopy(id: string): Promise<WanCopyStatus> {
    return (await this.request<WanCopyStatus>(
      'POST',
      `/v1/wan-copies/${enc(id)}/cancel`,
    )) as WanCopyStatus;
  }

  // Issue 15 (GEODE-5, GEODE-6): regions and senders destroyed, closed and created at runtime.

  /** Destroys (DELETE) or closes (POST .../close) the region on this member. */
  async removeRegion(region: string, how: 'destroy' | 'close'): Promise<void> {
    if (how === 'destroy') await this.request('DELETE', `/v1/regions/${enc(region)}`);
    else await this.request('POST', `/v1/regions/${enc(region)}/close`);
  }

  /** Creates a destroyed or closed region again from the member's definition. */
  async createRegion(region: string): Promise<void> {
    await this.request('POST', `/v1/regions/${enc(region)}`);
  }

  /** Destroys the sender on this member (409 WAN_ERR_SENDER_IN_USE while a region uses it). */
  async destroySender(id: string): Promise<void> {
    await this.request('DELETE', `/v1/senders/${enc(id)}`);
  }

  /** Creates a destroyed sender again from the member's definition. */
  async createSender(id: string): Promise<void> {
    await this.request('POST', `/v1/senders/${enc(id)}`, undefined, { timeoutMs: 120000 });
  }
}
