import type { Clock } from '../../clock.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { RegionConfig } from '../../config/member-config.js';
import { EngineError, errorMessage, isEngineError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { withBucket, type AppliedSource, type RegionEvent } from '../region-event.js';
import type { Stamp } from './bucket-copy.js';
import type {
  OperationReply,
  OperationRequest,
  OperationsRequest,
  ReadReply,
  ReadRequest,
  RegionOperation,
  ReplicaRequest,
} from './bucket-messages.js';
import { answerRead } from './bucket-reads.js';
import type { BucketRoles } from './bucket-roles.js';
import type { BucketTable, MemberKey } from './bucket-table.js';
import type { RegionEventSink } from './event-sink.js';
import { ForwardBatcher } from './forward-batcher.js';

export interface PrimaryRoutingDeps {
  config: RegionConfig;
  cluster: SiteCluster;
  clock: Clock;
  sink: RegionEventSink;
  logger: Logger;
  roles: BucketRoles;
  bucketOf: (key: string) => number;
}

/** How long a write keeps looking for its bucket's primary while the site reorganises. */
const OPERATION_DEADLINE_MS = 30000;
const RETRY_WAIT_MS = 20;
/** A host that does not answer within this is left out of a gathered read. */
export const COORDINATION_TIMEOUT_MS = 2000;

export function retryable(error: unknown): boolean {
  return (
    isEngineError(error) &&
    (error.code === 'WAN_ERR_PEER_UNAVAILABLE' || error.code === 'WAN_ERR_NO_PRIMARY')
  );
}

export function notPrimary(
  region: string,
  bucket: number,
  table: BucketTable | undefined,
): EngineError {
  return new EngineError(
    'WAN_ERR_NO_PRIMARY',
    `this member is not the ready primary of bucket ${bucket} of region ${region} (table ${table?.version ?? 'none'})`,
    'the site is moving the bucket; the operation is retried',
  );
}

type ForwardedReply = OperationReply | { error: { code: string; message: string } };

/**
 * Every change of a bucket is applied by its primary: an operation runs here when this member
 * is the ready primary, and is forwarded to the primary otherwise, following the site as
 * buckets move (until OPERATION_DEADLINE_MS). The primary stamps each change, queues it in its
 * own senders and sends it to every other holder and to the hosts of the serial senders it
 * was routed to; it answers once all of them acknowledged. Reads of partitioned buckets go to
 * the primary too, or to every host for the whole region.
 */
export class PrimaryRouting {
  readonly #deps: PrimaryRoutingDeps;
  readonly #forwarder: ForwardBatcher;

  constructor(deps: PrimaryRoutingDeps) {
    this.#deps = deps;
    this.#forwarder = new ForwardBatcher(async (primary, operations) => {
      const request: OperationsRequest = { t: 'region.ops', region: this.#name, operations };
      return (await deps.cluster.request(primary, request)) as ForwardedReply[];
    });
  }

  get #name(): string {
    return this.#deps.config.name;
  }

  /** Runs an operation at its bucket's primary. */
  run(operation: RegionOperation): Promise<OperationReply> {
    const bucket = this.#deps.bucketOf(operation.key);
    const here = (): Promise<OperationReply> | undefined =>
      this.#deps.roles.copies.get(bucket)?.state === 'ready' && this.#deps.cluster.active
        ? this.#execute(bucket, operation)
        : undefined;
    const there = (primary: MemberKey) => this.#forwarder.forward(primary, operation);
    // The common case, this member the ready primary, without the retry loop (issue 19); the
    // loop's first round would do the same, and a retryable failure continues there.
    const { roles, cluster } = this.#deps;
    if (roles.primaryKey(bucket) !== cluster.selfKey) return this.#atPrimary(bucket, here, there);
    const version = roles.version;
    const retry = (error: unknown): Promise<OperationReply> =>
      retryable(error)
        ? roles.change(version, RETRY_WAIT_MS).then(() => this.#atPrimary(bucket, here, there))
        : Promise.reject(error);
    try {
      return here()?.catch(retry) ?? this.#atPrimary(bucket, here, there);
    } catch (error) {
      return retry(error);
    }
  }

  /** A read of one bucket, answered by its primary. */
  readAtPrimary(bucket: number, body: ReadRequest): Promise<ReadReply> {
    return this.#atPrimary(
      bucket,
      () => Promise.resolve(this.onRead(body)),
      async (primary) => (await this.#deps.cluster.request(primary, body)) as ReadReply,
    );
  }

  /** Asks every host for the buckets it is primary of; this member answers first. */
  async gather(body: ReadRequest): Promise<ReadReply[]> {
    const { cluster, roles } = this.#deps;
    const others = roles.hosts().filter((h) => h !== cluster.selfKey);
    const replies = await Promise.all(
      others.map((host) =>
        cluster.request(host, body, COORDINATION_TIMEOUT_MS).then(
          (reply) => reply as ReadReply,
          () => undefined,
        ),
      ),
    );
    return [this.onRead(body), ...replies.filter((r): r is ReadReply => r !== undefined)];
  }

  onRead(body: ReadRequest): ReadReply {
    const { roles, bucketOf } = this.#deps;
    return answerRead(body, {
      copyOf: (key) => roles.copies.get(bucketOf(key)),
      primaryCopies: () => roles.primaryCopies(),
    });
  }

  /** A forwarded operation: applied only by the ready primary. */
  executeIfPrimary(request: OperationRequest): Promise<OperationReply> {
    const bucket = this.#deps.bucketOf(request.operation.key);
    if (!this.#deps.roles.isReadyPrimary(bucket) || !this.#deps.cluster.active) {
      return Promise.reject(notPrimary(this.#name, bucket, this.#deps.roles.table));
    }
    return this.#execute(bucket, request.operation);
  }

  /** A batch of forwarded operations, applied in order; one reply (or error) each. */
  async executeAll(operations: RegionOperation[]): Promise<ForwardedReply[]> {
    const attempt = (operation: RegionOperation): Promise<OperationReply> => {
      try {
        return this.executeIfPrimary({ t: 'region.op', region: this.#name, operation });
      } catch (error) {
        return Promise.reject(error);
      }
    };
    const started = operations.map((operation) =>
      attempt(operation).then(
        (reply): OperationReply =>
          operation.op === 'remote' && reply.kind === 'applied' ? { kind: 'applied' } : reply,
        (error: unknown) => ({
          error: {
            code: isEngineError(error) ? error.code : 'WAN_ERR_PROTOCOL',
            message: errorMessage(error),
          },
        }),
      ),
    );
    return Promise.all(started);
  }

  /**
   * Does `here` when this member is the bucket's primary (undefined: not able yet), `there`
   * when another member is; retries as the table changes, until OPERATION_DEADLINE_MS.
   */
  async #atPrimary<T>(
    bucket: number,
    here: () => Promise<T> | undefined,
    there: (primary: MemberKey) => Promise<T>,
  ): Promise<T> {
    const { clock, cluster, roles } = this.#deps;
    const deadline = clock.monotonicMs() + OPERATION_DEADLINE_MS;
    while (true) {
      const version = roles.version;
      const primary = roles.primaryKey(bucket);
      try {
        const attempt =
          primary === cluster.selfKey
            ? here()
            : primary && cluster.isMember(primary)
              ? there(primary)
              : undefined;
        if (attempt) return await attempt;
      } catch (error) {
        if (!retryable(error)) throw error;
      }
      if (clock.monotonicMs() > deadline) throw notPrimary(this.#name, bucket, roles.table);
      await roles.change(version, RETRY_WAIT_MS);
    }
  }

  /**
   * Applies as primary. Everything up to sending the copies happens before the first await,
   * so changes reach every copy in the order the primary applied them.
   */
  #execute(bucket: number, operation: RegionOperation): Promise<OperationReply> {
    const copy = this.#deps.roles.copies.get(bucket)!;
    let event: RegionEvent | undefined;
    let source: AppliedSource = { kind: 'local' };
    if (operation.op === 'put') {
      event = copy.store.put(operation.key, operation.value, operation.context);
    } else if (operation.op === 'destroy') {
      event = copy.store.destroy(operation.key, operation.context);
      if (!event) return Promise.resolve({ kind: 'none' });
    } else {
      const outcome = copy.store.applyRemote(operation.event, operation.fromDsid);
      if (outcome.kind === 'discarded') return Promise.resolve(outcome);
      event = outcome.event;
      source = { kind: 'remote', fromDsid: operation.fromDsid };
    }
    const stamp = copy.stampChange(event.key);
    return this.#distribute(bucket, event, stamp, source).then((routed) => ({
      kind: 'applied',
      event: routed,
    }));
  }

  /**
   * The applied event is what the applied-event log records (as received, for a remote one);
   * the senders take it with the recipients routing added (DIST-1).
   */
  #distribute(
    bucket: number,
    applied: RegionEvent,
    stamp: Stamp,
    source: AppliedSource,
  ): Promise<RegionEvent> {
    const { sink, cluster, config } = this.#deps;
    const local = withBucket(applied, config.type === 'partitioned' ? bucket : undefined);
    const routed = sink.route(config, local);
    sink.applied(local, source);
    sink.enqueue(routed.senderIds, routed.event, { region: this.#name, bucket });
    const targets = this.#replicaTargets(bucket, routed.senderIds);
    // Alone with the bucket: nothing is in flight, so there is nothing to track (issue 19).
    if (targets.length === 0) return Promise.resolve(local);
    const body: ReplicaRequest = {
      t: 'region.replica',
      region: this.#name,
      bucket,
      stamp,
      event: local,
      recipients: routed.event.recipients,
      source,
      senders: routed.senderIds,
    };
    const sends = targets.map((target) =>
      cluster.request(target, body).catch((error: unknown) => {
        if (!retryable(error)) {
          this.#deps.logger.error(
            { region: this.#name, bucket, err: errorMessage(error) },
            'a copy failed to apply a change',
          );
        }
      }),
    );
    return cluster.track(Promise.all(sends)).then(() => local);
  }

  #replicaTargets(bucket: number, senderIds: string[]): MemberKey[] {
    const { cluster, sink, roles } = this.#deps;
    const targets = new Set<MemberKey>([
      ...roles.holders(bucket),
      ...(roles.extraTargets.get(bucket) ?? []),
      ...sink.queueHosts(senderIds),
    ]);
    targets.delete(cluster.selfKey);
    return [...targets].filter((key) => cluster.isMember(key));
  }
}
