import type { Clock } from '../../clock.js';
import type { MemberRef } from '../../cluster/member-ref.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { RegionConfig } from '../../config/member-config.js';
import type { Logger } from '../../log.js';
import { EngineError } from '../../errors.js';
import { sleep } from '../../sleep.js';
import type { EventIdGenerator } from '../event-ids.js';
import type {
  Entry,
  OperationContext,
  RemoteApplyOutcome,
  RemoteConflictCheck,
} from '../region.js';
import type { JsonValue, RegionEvent } from '../region-event.js';
import type { HostedPeerBody, HostedRegion } from '../hosted-region.js';
import type { BucketsStatus, SiteRegion } from '../site-region.js';
import type { BucketCopy } from './bucket-copy.js';
import { bucketOf } from './bucket-hash.js';
import type { HeldReply, TableRequest } from './bucket-messages.js';
import { allEntries, totalSize } from './bucket-reads.js';
import { BucketRoles } from './bucket-roles.js';
import { BucketStore } from './bucket-store.js';
import type { MemberKey } from './bucket-table.js';
import { CopyFilling } from './copy-filling.js';
import type { RegionEventSink } from './event-sink.js';
import { COORDINATION_TIMEOUT_MS, PrimaryRouting } from './primary-routing.js';
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

export type BucketedConfig = RegionConfig & { type: 'replicated' | 'partitioned' };

/**
 * A region held by the members of a site, bucket by bucket (Geode's partitioned region; a
 * replicated region is the same with one bucket that every host holds). Each bucket has one
 * primary, which applies every change, stamps it, queues it in its own senders and sends it to
 * the other copies and to the hosts of serial senders; the change is acknowledged once all of
 * them have it, so a write survives the loss of any member but the last holder. Members that
 * are not primary forward operations to the primary (primary-routing.ts). The oldest host
 * coordinates who holds what (table-coordinator.ts, followed in bucket-roles.ts); a new copy
 * fills itself from the primary before it can take over (copy-filling.ts).
 */
export class BucketedRegion implements HostedRegion {
  readonly name: string;
  readonly kind: 'replicated' | 'partitioned';
  readonly #config: BucketedConfig;
  readonly #deps: BucketedRegionDeps;
  readonly #totalBuckets: number;
  readonly #roles: BucketRoles;
  readonly #routing: PrimaryRouting;
  readonly #filling: CopyFilling;
  readonly #coordinator: TableCoordinator;

  constructor(config: BucketedConfig, deps: BucketedRegionDeps) {
    this.name = config.name;
    this.kind = config.type;
    this.#config = config;
    this.#deps = deps;
    this.#totalBuckets = config.type === 'partitioned' ? config.totalBuckets : 1;
    this.#roles = new BucketRoles({
      region: config.name,
      cluster: deps.cluster,
      sink: deps.sink,
      newStore: () => this.#newStore(),
      fill: (bucket) => void this.#filling.fill(bucket),
    });
    this.#routing = new PrimaryRouting({
      config,
      cluster: deps.cluster,
      clock: deps.clock,
      sink: deps.sink,
      logger: deps.logger,
      roles: this.#roles,
      bucketOf: (key) => this.bucketOf(key),
    });
    this.#filling = new CopyFilling({
      region: config.name,
      cluster: deps.cluster,
      sink: deps.sink,
      logger: deps.logger,
      roles: this.#roles,
      pokeCoordinator: () => this.#pokeCoordinator(),
    });
    this.#coordinator = this.#newCoordinator();
  }

  get ready(): boolean {
    if (!this.#roles.table) return false;
    return this.kind === 'partitioned' || this.#roles.copies.get(0)?.state === 'ready';
  }

  start(): void {
    this.#coordinator.start();
    this.#coordinator.request();
  }

  stop(): void {
    this.#coordinator.stop();
    this.#roles.wake();
  }

  close(): void {
    this.stop();
    this.#roles.forget(false);
  }

  /** The site's view or a profile changed. */
  onClusterChange(): void {
    this.#coordinator.request();
    this.#roles.wake();
  }

  /**
   * This member rejoined the site as a new session. Its copies are stale if others kept the
   * region going, and are the only ones left if nobody else hosts it.
   */
  reset(keepCopies: boolean): void {
    this.#roles.forget(keepCopies);
    this.#coordinator.request();
  }

  /** The other members holding a copy of a bucket, and its primary if that is another. */
  otherHolders(bucket: number): MemberKey[] {
    const { cluster } = this.#deps;
    return this.#roles
      .holders(bucket)
      .filter((key) => key !== cluster.selfKey && cluster.isMember(key));
  }

  primaryOf(bucket: number): MemberKey | undefined {
    const primary = this.#roles.primaryKey(bucket);
    return primary && primary !== this.#deps.cluster.selfKey ? primary : undefined;
  }

  bucketOf(key: string): number {
    return this.kind === 'partitioned' ? bucketOf(key, this.#totalBuckets) : 0;
  }

  async put(key: string, value: JsonValue, context: OperationContext): Promise<RegionEvent> {
    const reply = await this.#routing.run({ op: 'put', key, value, context });
    if (reply.kind !== 'applied' || !reply.event) throw new Error(`put of ${key} was not applied`);
    return reply.event;
  }

  async destroy(key: string, context: OperationContext): Promise<RegionEvent | undefined> {
    const reply = await this.#routing.run({ op: 'destroy', key, context });
    return reply.kind === 'applied' ? reply.event : undefined;
  }

  async applyRemote(event: RegionEvent, fromDsid: number): Promise<RemoteApplyOutcome> {
    const reply = await this.#routing.run({ op: 'remote', key: event.key, event, fromDsid });
    if (reply.kind === 'applied') return { kind: 'applied', event: reply.event ?? event };
    if (reply.kind === 'discarded') return { kind: 'discarded', reason: reply.reason };
    return { kind: 'discarded', reason: 'older' };
  }

  async get(key: string): Promise<Entry | undefined> {
    const bucket = this.bucketOf(key);
    const copy = this.#roles.copies.get(bucket);
    if (copy?.state === 'ready') return copy.store.get(key);
    const reply = (await this.#routing.readAtPrimary(bucket, {
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
    return totalSize(
      await this.#routing.gather({ t: 'region.read', region: this.name, op: 'sizes' }),
    );
  }

  async liveEntries(): Promise<Array<[string, Entry]>> {
    const whole = this.#wholeReplicatedCopy();
    if (whole) return whole.store.liveEntries();
    return allEntries(
      await this.#routing.gather({ t: 'region.read', region: this.name, op: 'entries' }),
    );
  }

  /** A replicated region's one bucket, when this member holds it ready: read it locally. */
  #wholeReplicatedCopy(): BucketCopy | undefined {
    const copy = this.#roles.copies.get(0);
    return this.kind === 'replicated' && copy?.state === 'ready' ? copy : undefined;
  }

  clear(): number {
    let cleared = 0;
    for (const copy of this.#roles.copies.values()) cleared += copy.clear();
    return cleared;
  }

  buckets(): BucketsStatus {
    const name = (key: MemberKey | null): string | null =>
      key === null ? null : (this.#deps.cluster.member(key)?.name ?? key);
    const table = this.#roles.table;
    return {
      region: this.name,
      type: this.kind,
      totalBuckets: this.#totalBuckets,
      redundantCopies: this.#config.redundantCopies,
      tableVersion: table?.version ?? 0,
      buckets: (table?.buckets ?? []).map((a, id) => ({
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
        return this.#routing.executeIfPrimary(body);
      case 'region.ops':
        return this.#routing.executeAll(body.operations);
      case 'region.replica':
        return this.#filling.onReplica(body, from);
      case 'region.snapshot':
        return this.#filling.onSnapshot(body.bucket, from);
      case 'region.read':
        return this.#routing.onRead(body);
      case 'region.table':
        this.#roles.apply(body.table);
        return {};
      case 'region.held':
        return this.#roles.held();
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

  #newCoordinator(): TableCoordinator {
    const { cluster, logger } = this.#deps;
    return new TableCoordinator({
      region: this.name,
      policy: {
        totalBuckets: this.#totalBuckets,
        holders: this.kind === 'partitioned' ? this.#config.redundantCopies + 1 : 'all',
      },
      self: () => cluster.selfKey,
      hosts: () => this.#roles.hosts(),
      candidates: () => this.#roles.candidates(),
      local: () => this.#roles.held(),
      ask: async (host) =>
        (await cluster.request(
          host,
          { t: 'region.held', region: this.name },
          COORDINATION_TIMEOUT_MS,
        )) as HeldReply,
      publish: async (host, table) => {
        const request: TableRequest = { t: 'region.table', region: this.name, table };
        await cluster.request(host, request, COORDINATION_TIMEOUT_MS);
      },
      apply: (table) => this.#roles.apply(table),
      logger,
    });
  }

  #pokeCoordinator(): void {
    const coordinator = this.#roles.candidates()[0];
    if (coordinator === this.#deps.cluster.selfKey) this.#coordinator.request();
    else if (coordinator)
      this.#deps.cluster.send(coordinator, { t: 'region.poke', region: this.name });
  }

  #newStore(): BucketStore {
    const { clock, dsid, memberUid, eventIds, conflicts } = this.#deps;
    return new BucketStore(this.name, { clock, dsid, memberUid, eventIds, conflicts });
  }
}

/** Waits until `region` can serve, polling; used while a member starts or rejoins. */
export async function whenReady(region: SiteRegion, signal?: AbortSignal): Promise<void> {
  while (!region.ready && !signal?.aborted) await sleep(10, signal);
}
