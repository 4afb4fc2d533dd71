import type { RegionType } from '../../config/member-config.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type {
  HeldReply,
  HeldRequest,
  PokeMessage,
  TableRequest,
} from '../bucket/bucket-messages.js';
import { bucketOf } from '../bucket/bucket-hash.js';
import { holdersOf, type BucketTable, type MemberKey } from '../bucket/bucket-table.js';
import type { BucketRole, RegionEventSink } from '../bucket/event-sink.js';
import { TableCoordinator } from '../bucket/table-coordinator.js';
import type { BucketsStatus } from '../site-region.js';
import type { QueuesReply, QueuesRequest } from './normal-messages.js';

export interface QueueBucketsDeps {
  region: string;
  kind: RegionType;
  totalBuckets: number;
  redundantCopies: number;
  cluster: SiteCluster;
  sink: RegionEventSink;
  logger: Logger;
  /** Hosts of the region, oldest first (this member included). */
  hosts: () => MemberKey[];
  /** The hosts plus members whose profile is not known yet, oldest first. */
  candidates: () => MemberKey[];
}

const COORDINATION_TIMEOUT_MS = 2000;
const FILL_RETRY_MS = 200;

export type QueueBucketBody = TableRequest | HeldRequest | PokeMessage | QueuesRequest;

/**
 * SEND-13: how the parallel senders of a normal or preloaded region spread its events over
 * the members hosting it. A key hashes into one of `totalBuckets` queue buckets (FNV-1a, as
 * partitioned regions do; Geode's dormant design for such regions hashes into 113 buckets of
 * a shadow partitioned queue, ParallelGatewaySenderImpl.setModifiedEventId); each queue
 * bucket has a primary among the hosts, which dispatches it, and `redundantCopies` copies,
 * which take over if the primary goes (HA-5). The buckets hold no entries, only the parallel
 * senders' queues: a member's queue is the queue buckets it is primary of. Placement follows
 * the partitioned regions' planner (bucket-table.ts), run by the oldest host.
 */
export class QueueBuckets {
  readonly #deps: QueueBucketsDeps;
  readonly #coordinator: TableCoordinator;
  readonly #roles = new Map<number, BucketRole>();
  /** Queue buckets held here, and whether their queues were filled from the primary. */
  readonly #held = new Map<number, 'ready' | 'initializing'>();
  readonly #filling = new Set<number>();
  #table: BucketTable | undefined;
  #stopped = false;

  constructor(deps: QueueBucketsDeps) {
    this.#deps = deps;
    const { cluster, region } = deps;
    this.#coordinator = new TableCoordinator({
      region,
      policy: { totalBuckets: deps.totalBuckets, holders: deps.redundantCopies + 1 },
      self: () => cluster.selfKey,
      hosts: deps.hosts,
      candidates: deps.candidates,
      local: () => this.#heldReply(),
      ask: async (host) =>
        (await cluster.request(
          host,
          { t: 'region.held', region },
          COORDINATION_TIMEOUT_MS,
        )) as HeldReply,
      publish: async (host, table) => {
        await cluster.request(host, { t: 'region.table', region, table }, COORDINATION_TIMEOUT_MS);
      },
      apply: (table) => this.#apply(table),
      logger: deps.logger,
    });
  }

  /** True once this member follows a table: only then can it route to the queue buckets. */
  get known(): boolean {
    return this.#table !== undefined;
  }

  start(): void {
    this.#stopped = false;
    this.#coordinator.start();
    this.#coordinator.request();
  }

  stop(): void {
    this.#stopped = true;
    this.#coordinator.stop();
  }

  request(): void {
    this.#coordinator.request();
  }

  /**
   * A rejoin: the table is stale, and so are the queues held, which the others kept, unless
   * this member is alone and what it holds is all the site has.
   */
  /** The region is destroyed or closed here: every queue bucket dropped, no new plan. */
  drop(): void {
    this.stop();
    this.#table = undefined;
    for (const bucket of [...this.#held.keys()]) this.#drop(bucket);
  }

  reset(keepQueues: boolean): void {
    this.#table = undefined;
    if (!keepQueues) for (const bucket of [...this.#held.keys()]) this.#drop(bucket);
    this.#coordinator.request();
  }

  bucketOf(key: string): number {
    return bucketOf(key, this.#deps.totalBuckets);
  }

  otherHolders(bucket: number): MemberKey[] {
    const { cluster } = this.#deps;
    const assignment = this.#table?.buckets[bucket];
    if (!assignment) return [];
    return holdersOf(assignment).filter((k) => k !== cluster.selfKey && cluster.isMember(k));
  }

  primaryOf(bucket: number): MemberKey | undefined {
    const primary = this.#table?.buckets[bucket]?.primary;
    return primary && primary !== this.#deps.cluster.selfKey ? primary : undefined;
  }

  status(): BucketsStatus {
    const { cluster } = this.#deps;
    const name = (key: MemberKey): string => cluster.member(key)?.name ?? key;
    return {
      region: this.#deps.region,
      type: this.#deps.kind,
      totalBuckets: this.#deps.totalBuckets,
      redundantCopies: this.#deps.redundantCopies,
      tableVersion: this.#table?.version ?? 0,
      buckets: (this.#table?.buckets ?? []).map((a, id) => ({
        id,
        primary: a.primary === null ? null : name(a.primary),
        copies: a.copies.map(name),
        initializing: a.initializing.map(name),
      })),
    };
  }

  handle(body: QueueBucketBody): unknown {
    switch (body.t) {
      case 'region.table':
        this.#apply(body.table);
        return {};
      case 'region.held':
        return this.#heldReply();
      case 'region.poke':
        this.#coordinator.request();
        return undefined;
      case 'region.queues':
        return this.#queuesOf(body.bucket);
    }
  }

  #queuesOf(bucket: number): QueuesReply {
    return { queues: this.#deps.sink.bucketQueues({ region: this.#deps.region, bucket }) };
  }

  #heldReply(): HeldReply {
    const ready: number[] = [];
    const initializing: number[] = [];
    for (const [bucket, state] of this.#held)
      (state === 'ready' ? ready : initializing).push(bucket);
    return { table: this.#table ?? null, ready, initializing };
  }

  #apply(table: BucketTable): void {
    if (this.#table && table.version <= this.#table.version) return;
    const self = this.#deps.cluster.selfKey;
    this.#table = table;
    table.buckets.forEach((assignment, bucket) => {
      if (!holdersOf(assignment).includes(self)) {
        if (this.#held.has(bucket)) this.#drop(bucket);
        return;
      }
      const primary = assignment.primary === self;
      // A primary dispatches what it has; a copy still filling whose source left keeps it.
      if (primary || this.#held.get(bucket) === 'ready') this.#held.set(bucket, 'ready');
      else this.#held.set(bucket, 'initializing');
      this.#setRole(bucket, primary ? 'primary' : 'copy');
      if (this.#held.get(bucket) === 'initializing') void this.#fill(bucket);
    });
  }

  #drop(bucket: number): void {
    this.#held.delete(bucket);
    this.#setRole(bucket, 'none');
  }

  #setRole(bucket: number, role: BucketRole): void {
    if ((this.#roles.get(bucket) ?? 'none') === role) return;
    this.#roles.set(bucket, role);
    this.#deps.sink.bucketRole({ region: this.#deps.region, bucket }, role);
  }

  /** A new copy takes what the primary's queues hold; changes reach it directly meanwhile. */
  async #fill(bucket: number): Promise<void> {
    if (this.#filling.has(bucket)) return;
    this.#filling.add(bucket);
    const { cluster, region, sink } = this.#deps;
    try {
      while (!this.#stopped && this.#held.get(bucket) === 'initializing') {
        const primary = this.primaryOf(bucket);
        if (primary) {
          try {
            const reply = (await cluster.request(primary, {
              t: 'region.queues',
              region,
              bucket,
            })) as QueuesReply;
            if (this.#held.get(bucket) !== 'initializing') return;
            sink.loadBucketQueues({ region, bucket }, reply.queues);
            this.#held.set(bucket, 'ready');
            this.#pokeCoordinator();
            return;
          } catch (error) {
            this.#deps.logger.debug(
              { region, bucket, err: errorMessage(error) },
              'queue bucket copy not filled yet',
            );
          }
        }
        await new Promise((resolve) => setTimeout(resolve, FILL_RETRY_MS));
      }
    } finally {
      this.#filling.delete(bucket);
    }
  }

  #pokeCoordinator(): void {
    const coordinator = this.#deps.candidates()[0];
    if (coordinator === this.#deps.cluster.selfKey) this.#coordinator.request();
    else if (coordinator)
      this.#deps.cluster.send(coordinator, { t: 'region.poke', region: this.#deps.region });
  }
}
