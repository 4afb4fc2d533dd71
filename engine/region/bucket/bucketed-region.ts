import type { Clock } from '../../clock.js';
import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { RegionConfig } from '../../config/member-config.js';
import { EngineError, errorMessage, isEngineError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { sleep } from '../../sleep.js';
import type { EventIdGenerator } from '../event-ids.js';
import type {
  Entry,
  OperationContext,
  RemoteApplyOutcome,
  RemoteConflictCheck,
} from '../region.js';
import type { AppliedSource, JsonValue, RegionEvent } from '../region-event.js';
import { ReplicatedRegion } from '../replicated-region.js';
import type { HostedPeerBody, HostedRegion } from '../hosted-region.js';
import type { BucketsStatus, SiteRegion } from '../site-region.js';
import { BucketCopy, type Stamp } from './bucket-copy.js';
import { ForwardBatcher } from './forward-batcher.js';
import { bucketOf } from './bucket-hash.js';
import { allEntries, answerRead, totalSize } from './bucket-reads.js';
import type {
  HeldReply,
  OperationReply,
  OperationRequest,
  OperationsRequest,
  ReadReply,
  ReadRequest,
  RegionOperation,
  ReplicaRequest,
  SnapshotReply,
} from './bucket-messages.js';
import { holdersOf, type BucketTable, type MemberKey } from './bucket-table.js';
import type { BucketRole, RegionEventSink } from './event-sink.js';
import { TableCoordinator } from './table-coordinator.js';

export interface BucketedRegionDeps {
  cluster: SiteCluster;
  /** Decides on received events, in every bucket's store (engine/conflict). */
  conflicts: RemoteConflictCheck;
  clock: Clock;
  dsid: number;
  memberUid: string;
  eventIds: EventIdGenerator;
  sink: RegionEventSink;
  logger: Logger;
}

/** How long a write keeps looking for its bucket's primary while the site reorganises. */
const OPERATION_DEADLINE_MS = 30000;

export type BucketedConfig = RegionConfig & { type: 'replicated' | 'partitioned' };
const RETRY_WAIT_MS = 20;
/** A host that does not answer a coordinator within this is planned from the last table. */
const COORDINATION_TIMEOUT_MS = 2000;

function retryable(error: unknown): boolean {
  return (
    isEngineError(error) &&
    (error.code === 'WAN_ERR_PEER_UNAVAILABLE' || error.code === 'WAN_ERR_NO_PRIMARY')
  );
}

function notPrimary(region: string, bucket: number, table: BucketTable | undefined): EngineError {
  return new EngineError(
    'WAN_ERR_NO_PRIMARY',
    `this member is not the ready primary of bucket ${bucket} of region ${region} (table ${table?.version ?? 'none'})`,
    'the site is moving the bucket; the operation is retried',
  );
}

/**
 * A region held by the members of a site, bucket by bucket (Geode's partitioned region; a
 * replicated region is the same with one bucket that every host holds). Each bucket has one
 * primary, which applies every change, stamps it, queues it in its own senders and sends it to
 * the other copies and to the hosts of serial senders; the change is acknowledged once all of
 * them have it, so a write survives the loss of any member but the last holder. Members that
 * are not primary forward operations to the primary. The oldest host coordinates who holds
 * what (table-coordinator.ts); a new copy fills itself from the primary before it can take over.
 */
export class BucketedRegion implements HostedRegion {
  readonly name: string;
  readonly kind: 'replicated' | 'partitioned';
  readonly #config: BucketedConfig;
  readonly #deps: BucketedRegionDeps;
  readonly #totalBuckets: number;
  readonly #copies = new Map<number, BucketCopy>();
  readonly #roles = new Map<number, BucketRole>();
  readonly #fetching = new Set<number>();
  /** Copies that asked for a snapshot before the table listed them. */
  readonly #extraTargets = new Map<number, Set<MemberKey>>();
  readonly #coordinator: TableCoordinator;
  readonly #forwarder: ForwardBatcher;
  #table: BucketTable | undefined;
  #tableWaiters: Array<() => void> = [];

  constructor(config: BucketedConfig, deps: BucketedRegionDeps) {
    this.name = config.name;
    this.kind = config.type;
    this.#config = config;
    this.#deps = deps;
    this.#totalBuckets = config.type === 'partitioned' ? config.totalBuckets : 1;
    this.#coordinator = new TableCoordinator({
      region: config.name,
      policy: {
        totalBuckets: this.#totalBuckets,
        holders: config.type === 'partitioned' ? config.redundantCopies + 1 : 'all',
      },
      self: () => deps.cluster.selfKey,
      hosts: () => this.#hosts(),
      candidates: () => this.#candidates(),
      local: () => this.#held(),
      ask: async (host) =>
        (await deps.cluster.request(
          host,
          { t: 'region.held', region: this.name },
          COORDINATION_TIMEOUT_MS,
        )) as HeldReply,
      publish: async (host, table) => {
        await deps.cluster.request(
          host,
          { t: 'region.table', region: this.name, table } as unknown as PeerBody,
          COORDINATION_TIMEOUT_MS,
        );
      },
      apply: (table) => this.#applyTable(table),
      logger: deps.logger,
    });
    this.#forwarder = new ForwardBatcher(async (primary, operations) => {
      const request: OperationsRequest = { t: 'region.ops', region: this.name, operations };
      return (await deps.cluster.request(primary, request as unknown as PeerBody)) as Array<
        OperationReply | { error: { code: string; message: string } }
      >;
    });
  }

  get ready(): boolean {
    if (!this.#table) return false;
    return this.kind === 'partitioned' || this.#copies.get(0)?.state === 'ready';
  }

  start(): void {
    this.#coordinator.start();
    this.#coordinator.request();
  }

  stop(): void {
    this.#coordinator.stop();
    this.#wakeTableWaiters();
  }

  /** The site's view or a profile changed. */
  onClusterChange(): void {
    this.#coordinator.request();
    this.#wakeTableWaiters();
  }

  /**
   * This member rejoined the site as a new session. Its copies are stale if others kept the
   * region going, and are the only ones left if nobody else hosts it.
   */
  reset(keepCopies: boolean): void {
    this.#table = undefined;
    this.#extraTargets.clear();
    if (!keepCopies) {
      for (const bucket of [...this.#copies.keys()]) this.#drop(bucket);
    }
    this.#coordinator.request();
  }

  /** The other members holding a copy of a bucket, and its primary if that is another. */
  otherHolders(bucket: number): MemberKey[] {
    const self = this.#deps.cluster.selfKey;
    return holdersOf(
      this.#table?.buckets[bucket] ?? { primary: null, copies: [], initializing: [] },
    ).filter((key) => key !== self && this.#deps.cluster.isMember(key));
  }

  primaryOf(bucket: number): MemberKey | undefined {
    const primary = this.#table?.buckets[bucket]?.primary;
    return primary && primary !== this.#deps.cluster.selfKey ? primary : undefined;
  }

  bucketOf(key: string): number {
    return this.kind === 'partitioned' ? bucketOf(key, this.#totalBuckets) : 0;
  }

  async put(key: string, value: JsonValue, context: OperationContext): Promise<RegionEvent> {
    const reply = await this.#run({ op: 'put', key, value, context });
    if (reply.kind !== 'applied' || !reply.event) throw new Error(`put of ${key} was not applied`);
    return reply.event;
  }

  async destroy(key: string, context: OperationContext): Promise<RegionEvent | undefined> {
    const reply = await this.#run({ op: 'destroy', key, context });
    return reply.kind === 'applied' ? reply.event : undefined;
  }

  async applyRemote(event: RegionEvent, fromDsid: number): Promise<RemoteApplyOutcome> {
    const reply = await this.#run({ op: 'remote', key: event.key, event, fromDsid });
    if (reply.kind === 'applied') return { kind: 'applied', event: reply.event ?? event };
    if (reply.kind === 'discarded') return { kind: 'discarded', reason: reply.reason };
    return { kind: 'discarded', reason: 'older' };
  }

  async get(key: string): Promise<Entry | undefined> {
    const bucket = this.bucketOf(key);
    const copy = this.#copies.get(bucket);
    if (copy?.state === 'ready') return copy.store.get(key);
    const reply = (await this.#readAtPrimary(bucket, {
      t: 'region.read',
      region: this.name,
      op: 'get',
      key,
    })) as { entry: Entry | null };
    return reply.entry ?? undefined;
  }

  async size(): Promise<number> {
    const whole = this.#wholeReplicatedCopy();
    if (whole) return whole.store.size();
    return totalSize(await this.#gather({ t: 'region.read', region: this.name, op: 'sizes' }));
  }

  async liveEntries(): Promise<Array<[string, Entry]>> {
    const whole = this.#wholeReplicatedCopy();
    if (whole) return whole.store.liveEntries();
    return allEntries(await this.#gather({ t: 'region.read', region: this.name, op: 'entries' }));
  }

  /** A replicated region's one bucket, when this member holds it ready: read it locally. */
  #wholeReplicatedCopy(): BucketCopy | undefined {
    const copy = this.#copies.get(0);
    return this.kind === 'replicated' && copy?.state === 'ready' ? copy : undefined;
  }

  clear(): number {
    let cleared = 0;
    for (const copy of this.#copies.values()) cleared += copy.clear();
    return cleared;
  }

  buckets(): BucketsStatus {
    const name = (key: MemberKey | null): string | null =>
      key === null ? null : (this.#deps.cluster.member(key)?.name ?? key);
    return {
      region: this.name,
      type: this.kind,
      totalBuckets: this.#totalBuckets,
      redundantCopies: this.#config.redundantCopies,
      tableVersion: this.#table?.version ?? 0,
      buckets: (this.#table?.buckets ?? []).map((a, id) => ({
        id,
        primary: name(a.primary),
        copies: a.copies.map((c) => name(c)!),
        initializing: a.initializing.map((c) => name(c)!),
      })),
    };
  }

  /** Peer requests addressed to this region. */
  handle(body: HostedPeerBody, from: MemberRef): unknown {
    switch (body.t) {
      case 'region.op':
        return this.#executeIfPrimary(body);
      case 'region.ops':
        return this.#executeAll(body.operations);
      case 'region.replica':
        return this.#onReplica(body, from);
      case 'region.snapshot':
        return this.#onSnapshot(body.bucket, from);
      case 'region.read':
        return this.#onRead(body);
      case 'region.table':
        this.#applyTable(body.table);
        return {};
      case 'region.held':
        return this.#held();
      case 'region.poke':
        this.#coordinator.request();
        return undefined;
      default:
        throw new EngineError(
          'WAN_ERR_PROTOCOL',
          `${body.t} is not a request for ${this.kind} region ${this.name}`,
          'every member of a site must define the region with the same type',
        );
    }
  }

  /** Runs an operation at its bucket's primary, following the site as buckets move. */
  #run(operation: RegionOperation): Promise<OperationReply> {
    const bucket = this.bucketOf(operation.key);
    return this.#atPrimary(
      bucket,
      () =>
        this.#copies.get(bucket)?.state === 'ready' && this.#deps.cluster.active
          ? this.#execute(bucket, operation)
          : undefined,
      (primary) => this.#forwarder.forward(primary, operation),
    );
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
    const deadline = this.#deps.clock.monotonicMs() + OPERATION_DEADLINE_MS;
    while (true) {
      const version = this.#table?.version ?? 0;
      const primary = this.#table?.buckets[bucket]?.primary ?? null;
      try {
        const attempt =
          primary === this.#deps.cluster.selfKey
            ? here()
            : primary && this.#deps.cluster.isMember(primary)
              ? there(primary)
              : undefined;
        if (attempt) return await attempt;
      } catch (error) {
        if (!retryable(error)) throw error;
      }
      if (this.#deps.clock.monotonicMs() > deadline)
        throw notPrimary(this.name, bucket, this.#table);
      await this.#tableChange(version, RETRY_WAIT_MS);
    }
  }

  #executeIfPrimary(request: OperationRequest): Promise<OperationReply> {
    const bucket = this.bucketOf(request.operation.key);
    if (
      this.#table?.buckets[bucket]?.primary !== this.#deps.cluster.selfKey ||
      this.#copies.get(bucket)?.state !== 'ready' ||
      !this.#deps.cluster.active
    ) {
      return Promise.reject(notPrimary(this.name, bucket, this.#table));
    }
    return this.#execute(bucket, request.operation);
  }

  /** A batch of forwarded operations, applied in order; one reply (or error) each. */
  async #executeAll(
    operations: RegionOperation[],
  ): Promise<Array<OperationReply | { error: { code: string; message: string } }>> {
    const attempt = (operation: RegionOperation): Promise<OperationReply> => {
      try {
        return this.#executeIfPrimary({ t: 'region.op', region: this.name, operation });
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
   * Applies as primary. Everything up to sending the copies happens before the first await,
   * so changes reach every copy in the order the primary applied them.
   */
  #execute(bucket: number, operation: RegionOperation): Promise<OperationReply> {
    const copy = this.#copies.get(bucket)!;
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
    const { sink, cluster } = this.#deps;
    const { bucket: _ignored, ...withoutBucket } = applied;
    const local = this.kind === 'partitioned' ? { ...withoutBucket, bucket } : withoutBucket;
    const routed = sink.route(this.#config, local);
    sink.applied(local, source);
    sink.enqueue(routed.senderIds, routed.event, { region: this.name, bucket });
    const body: ReplicaRequest = {
      t: 'region.replica',
      region: this.name,
      bucket,
      stamp,
      event: local,
      recipients: routed.event.recipients,
      source,
      senders: routed.senderIds,
    };
    const sends = this.#replicaTargets(bucket, routed.senderIds).map((target) =>
      cluster.request(target, body as unknown as PeerBody).catch((error: unknown) => {
        if (!retryable(error)) {
          this.#deps.logger.error(
            { region: this.name, bucket, err: errorMessage(error) },
            'a copy failed to apply a change',
          );
        }
      }),
    );
    return cluster.track(Promise.all(sends)).then(() => local);
  }

  #replicaTargets(bucket: number, senderIds: string[]): MemberKey[] {
    const { cluster, sink } = this.#deps;
    const targets = new Set<MemberKey>([
      ...holdersOf(this.#table?.buckets[bucket] ?? { primary: null, copies: [], initializing: [] }),
      ...(this.#extraTargets.get(bucket) ?? []),
      ...sink.queueHosts(senderIds),
    ]);
    targets.delete(cluster.selfKey);
    return [...targets].filter((key) => cluster.isMember(key));
  }

  #onReplica(body: ReplicaRequest, from: MemberRef): object {
    const copy = this.#copies.get(body.bucket);
    if (copy?.applyCopy(body.event, body.stamp)) {
      this.#deps.sink.applied(body.event, { ...body.source, viaMember: from.name });
    }
    if (body.senders.length > 0) {
      const queued = { ...body.event, recipients: body.recipients };
      this.#deps.sink.enqueue(body.senders, queued, { region: this.name, bucket: body.bucket });
    }
    return {};
  }

  /** A new copy asks for the bucket: from now on it gets every change, then the state. */
  #onSnapshot(bucket: number, from: MemberRef): SnapshotReply {
    const copy = this.#copies.get(bucket);
    if (
      !copy ||
      copy.state !== 'ready' ||
      this.#table?.buckets[bucket]?.primary !== this.#deps.cluster.selfKey
    ) {
      throw notPrimary(this.name, bucket, this.#table);
    }
    const extra = this.#extraTargets.get(bucket) ?? new Set<MemberKey>();
    extra.add(memberKey(from));
    this.#extraTargets.set(bucket, extra);
    return {
      copy: copy.snapshot(),
      queues: this.#deps.sink.bucketQueues({ region: this.name, bucket }),
    };
  }

  #onRead(body: ReadRequest): ReadReply {
    return answerRead(body, {
      copyOf: (key) => this.#copies.get(this.bucketOf(key)),
      primaryCopies: () => this.#primaryCopies(),
    });
  }

  #primaryCopies(): Array<[number, BucketCopy]> {
    const self = this.#deps.cluster.selfKey;
    return [...this.#copies].filter(
      ([bucket, copy]) => copy.state === 'ready' && this.#table?.buckets[bucket]?.primary === self,
    );
  }

  #readAtPrimary(bucket: number, body: ReadRequest): Promise<ReadReply> {
    return this.#atPrimary(
      bucket,
      () => Promise.resolve(this.#onRead(body)),
      async (primary) =>
        (await this.#deps.cluster.request(primary, body as unknown as PeerBody)) as ReadReply,
    );
  }

  /** Asks every host for the buckets it is primary of; this member answers first. */
  async #gather(body: ReadRequest): Promise<ReadReply[]> {
    const others = this.#hosts().filter((h) => h !== this.#deps.cluster.selfKey);
    const replies = await Promise.all(
      others.map((host) =>
        this.#deps.cluster.request(host, body as unknown as PeerBody, COORDINATION_TIMEOUT_MS).then(
          (reply) => reply as ReadReply,
          () => undefined,
        ),
      ),
    );
    return [this.#onRead(body), ...replies.filter((r): r is ReadReply => r !== undefined)];
  }

  #hosts(): MemberKey[] {
    return this.#deps.cluster
      .hosts((profile) => profile.regions.some((r) => r.name === this.name))
      .map(memberKey);
  }

  /** Members that host the region or may (profile not known yet), oldest first. */
  #candidates(): MemberKey[] {
    const { cluster } = this.#deps;
    return cluster
      .members()
      .filter((m) => {
        const profile = cluster.profile(memberKey(m));
        return !profile || profile.regions.some((r) => r.name === this.name);
      })
      .map(memberKey);
  }

  #coordinatorKey(): MemberKey | undefined {
    return this.#candidates()[0];
  }

  #held(): HeldReply {
    const ready: number[] = [];
    const initializing: number[] = [];
    for (const [bucket, copy] of this.#copies) {
      (copy.state === 'ready' ? ready : initializing).push(bucket);
    }
    return { table: this.#table ?? null, ready, initializing };
  }

  #applyTable(table: BucketTable): void {
    if (this.#table && table.version <= this.#table.version) return;
    const self = this.#deps.cluster.selfKey;
    this.#table = table;
    table.buckets.forEach((assignment, bucket) => {
      let copy = this.#copies.get(bucket);
      const isPrimary = assignment.primary === self;
      const holds = holdersOf(assignment).includes(self);
      if (!holds) {
        if (copy) this.#drop(bucket);
        return;
      }
      if (!copy) {
        copy = new BucketCopy(this.#newStore(), isPrimary ? 'ready' : 'initializing');
        this.#copies.set(bucket, copy);
      }
      if (isPrimary) {
        // A copy still filling whose source is gone keeps what it has (the rest is lost).
        copy.state = 'ready';
        if (this.#roles.get(bucket) !== 'primary') copy.promote(table.version);
      } else if (copy.state === 'initializing') {
        void this.#fetch(bucket);
      }
      this.#setRole(bucket, isPrimary ? 'primary' : 'copy');
      const extra = this.#extraTargets.get(bucket);
      if (extra) for (const key of holdersOf(assignment)) extra.delete(key);
    });
    this.#wakeTableWaiters();
  }

  #drop(bucket: number): void {
    this.#copies.delete(bucket);
    this.#setRole(bucket, 'none');
  }

  #setRole(bucket: number, role: BucketRole): void {
    if ((this.#roles.get(bucket) ?? 'none') === role) return;
    this.#roles.set(bucket, role);
    this.#deps.sink.bucketRole({ region: this.name, bucket }, role);
  }

  /** Fills a new copy from the bucket's primary, trying again as the table changes. */
  async #fetch(bucket: number): Promise<void> {
    if (this.#fetching.has(bucket)) return;
    this.#fetching.add(bucket);
    try {
      while (this.#copies.get(bucket)?.state === 'initializing') {
        const version = this.#table?.version ?? 0;
        const primary = this.#table?.buckets[bucket]?.primary ?? null;
        if (
          primary &&
          primary !== this.#deps.cluster.selfKey &&
          this.#deps.cluster.isMember(primary)
        ) {
          try {
            const reply = (await this.#deps.cluster.request(primary, {
              t: 'region.snapshot',
              region: this.name,
              bucket,
            })) as SnapshotReply;
            const copy = this.#copies.get(bucket);
            if (!copy || copy.state !== 'initializing') return;
            copy.load(reply.copy);
            this.#deps.sink.loadBucketQueues({ region: this.name, bucket }, reply.queues);
            copy.state = 'ready';
            this.#pokeCoordinator();
            return;
          } catch (error) {
            this.#deps.logger.debug(
              { region: this.name, bucket, err: errorMessage(error) },
              'bucket copy not filled yet',
            );
          }
        }
        await this.#tableChange(version, 200);
      }
    } finally {
      this.#fetching.delete(bucket);
    }
  }

  #pokeCoordinator(): void {
    const coordinator = this.#coordinatorKey();
    if (coordinator === this.#deps.cluster.selfKey) this.#coordinator.request();
    else if (coordinator)
      this.#deps.cluster.send(coordinator, { t: 'region.poke', region: this.name });
  }

  #newStore(): ReplicatedRegion {
    const { clock, dsid, memberUid, eventIds, conflicts } = this.#deps;
    return new ReplicatedRegion(this.name, { clock, dsid, memberUid, eventIds, conflicts });
  }

  /** Resolves when a newer table arrives, the view changes, or after `maxWaitMs`. */
  #tableChange(version: number, maxWaitMs: number): Promise<void> {
    if ((this.#table?.version ?? 0) > version) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.#tableWaiters.push(done);
    });
  }

  #wakeTableWaiters(): void {
    const waiters = this.#tableWaiters;
    this.#tableWaiters = [];
    for (const wake of waiters) wake();
  }
}

/** Waits until `region` can serve, polling; used while a member starts or rejoins. */
export async function whenReady(region: SiteRegion, signal?: AbortSignal): Promise<void> {
  while (!region.ready && !signal?.aborted) await sleep(10, signal);
}
