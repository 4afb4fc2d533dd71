import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ReplicaRequest, SnapshotReply, SnapshotRequest } from './bucket-messages.js';
import type { BucketRoles } from './bucket-roles.js';
import type { MemberKey } from './bucket-table.js';
import type { RegionEventSink } from './event-sink.js';
import { notPrimary } from './primary-routing.js';

export interface CopyFillingDeps {
  region: string;
  cluster: SiteCluster;
  sink: RegionEventSink;
  logger: Logger;
  roles: BucketRoles;
  /** Tells the coordinator a copy is ready, so it plans again. */
  pokeCoordinator: () => void;
}

/** How long a copy waits for a new table before it asks the primary again. */
const FILL_RETRY_MS = 200;

/**
 * The copies of a bucket: changes the primary sends them (`region.replica`), and how a new
 * copy fills itself. A new copy asks the primary for a snapshot (entries with stamps, and the
 * bucket's parallel queues); the primary adds it to its fan-out before taking the snapshot,
 * so it misses nothing, and changes that arrive before the snapshot win by stamp.
 */
export class CopyFilling {
  readonly #deps: CopyFillingDeps;
  readonly #fetching = new Set<number>();

  constructor(deps: CopyFillingDeps) {
    this.#deps = deps;
  }

  /** A change the primary made: applied if newer than what this copy has, and queued. */
  onReplica(body: ReplicaRequest, from: MemberRef): object {
    const { roles, sink, region } = this.#deps;
    const copy = roles.copies.get(body.bucket);
    if (copy?.applyCopy(body.event, body.stamp)) {
      sink.applied(body.event, { ...body.source, viaMember: from.name });
    }
    if (body.senders.length > 0) {
      const queued = { ...body.event, recipients: body.recipients };
      sink.enqueue(body.senders, queued, { region, bucket: body.bucket });
    }
    return {};
  }

  /** At the primary: a new copy asks for the bucket; from now on it gets every change. */
  onSnapshot(bucket: number, from: MemberRef): SnapshotReply {
    const { roles, sink, region } = this.#deps;
    if (!roles.isReadyPrimary(bucket)) throw notPrimary(region, bucket, roles.table);
    const extra = roles.extraTargets.get(bucket) ?? new Set<MemberKey>();
    extra.add(memberKey(from));
    roles.extraTargets.set(bucket, extra);
    return {
      copy: roles.copies.get(bucket)!.snapshot(),
      queues: sink.bucketQueues({ region, bucket }),
    };
  }

  /** Fills a new copy from the bucket's primary, trying again as the table changes. */
  async fill(bucket: number): Promise<void> {
    if (this.#fetching.has(bucket)) return;
    this.#fetching.add(bucket);
    try {
      const { roles, cluster } = this.#deps;
      while (roles.copies.get(bucket)?.state === 'initializing') {
        const version = roles.version;
        const primary = roles.primaryKey(bucket);
        if (primary && primary !== cluster.selfKey && cluster.isMember(primary)) {
          if (await this.#fillFrom(primary, bucket)) return;
        }
        await roles.change(version, FILL_RETRY_MS);
      }
    } finally {
      this.#fetching.delete(bucket);
    }
  }

  /** True when the copy is filled (or no longer waits to be). */
  async #fillFrom(primary: MemberKey, bucket: number): Promise<boolean> {
    const { roles, cluster, sink, region } = this.#deps;
    try {
      const request: SnapshotRequest = { t: 'region.snapshot', region, bucket };
      const reply = (await cluster.request(primary, request)) as SnapshotReply;
      const copy = roles.copies.get(bucket);
      if (!copy || copy.state !== 'initializing') return true;
      copy.load(reply.copy);
      sink.loadBucketQueues({ region, bucket }, reply.queues);
      copy.state = 'ready';
      this.#deps.pokeCoordinator();
      return true;
    } catch (error) {
      this.#deps.logger.debug(
        { region, bucket, err: errorMessage(error) },
        'bucket copy not filled yet',
      );
      return false;
    }
  }
}
