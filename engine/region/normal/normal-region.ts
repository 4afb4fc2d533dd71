import type { Clock } from '../../clock.js';
import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { RegionConfig } from '../../config/member-config.js';
import { EngineError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { sleep } from '../../sleep.js';
import type { MemberKey } from '../bucket/bucket-table.js';
import type { RegionEventSink } from '../bucket/event-sink.js';
import type { EventIdGenerator } from '../event-ids.js';
import type { HostedPeerBody, HostedRegion } from '../hosted-region.js';
import type {
  Entry,
  OperationContext,
  RemoteApplyOutcome,
  RemoteConflictCheck,
} from '../region.js';
import type { AppliedSource, JsonValue, RegionEvent } from '../region-event.js';
import { BucketStore } from '../bucket/bucket-store.js';
import type { BucketsStatus } from '../site-region.js';
import type { ImageReply, NormalChange, SearchReply } from './normal-messages.js';
import { isLaterVersion, latestLive, takesPeerChange } from './peer-change.js';
import { QueueBuckets } from './queue-buckets.js';

export interface NormalRegionDeps {
  cluster: SiteCluster;
  /** Decides on received events (engine/conflict). */
  conflicts: RemoteConflictCheck;
  clock: Clock;
  dsid: number;
  memberUid: string;
  eventIds: EventIdGenerator;
  sink: RegionEventSink;
  logger: Logger;
}

export type NormalConfig = RegionConfig & { type: 'normal' | 'preloaded' };

const SEARCH_TIMEOUT_MS = 2000;
const IMAGE_RETRY_MS = 200;

/**
 * A distributed region that is neither replicated nor partitioned: Geode's NORMAL and
 * PRELOADED data policies with the default CACHE_CONTENT interest. Each member keeps its own
 * entries: a write applies where it is made (a received WAN event where the receiver is) and
 * goes to every other host, which takes it only for a key it already holds, so members hold
 * different entries (DistributedRegion, AbstractUpdateOperation.doPutOrCreate). A get that
 * misses asks the other hosts and keeps what it finds (net search); size and entries are the
 * member's own. A preloaded region first copies the entries of an older host (its initial
 * image). The member that applied a change routes it once for the site; parallel senders
 * queue it in the key's queue bucket (queue-buckets.ts, SEND-13), serial senders on their
 * hosts as for any region.
 */
export class NormalRegion implements HostedRegion {
  readonly name: string;
  readonly kind: 'normal' | 'preloaded';
  readonly #config: NormalConfig;
  readonly #deps: NormalRegionDeps;
  readonly #store: BucketStore;
  readonly #queues: QueueBuckets;
  /** A preloaded region takes every later peer change until its image is in. */
  #fillingImage: boolean;
  #started = false;

  constructor(config: NormalConfig, deps: NormalRegionDeps) {
    this.name = config.name;
    this.kind = config.type;
    this.#config = config;
    this.#deps = deps;
    const { clock, dsid, memberUid, eventIds, conflicts } = deps;
    this.#store = new BucketStore(config.name, {
      clock,
      dsid,
      memberUid,
      eventIds,
      conflicts,
    });
    this.#fillingImage = config.type === 'preloaded';
    this.#queues = new QueueBuckets({
      region: config.name,
      kind: config.type,
      totalBuckets: config.totalBuckets,
      redundantCopies: config.redundantCopies,
      cluster: deps.cluster,
      sink: deps.sink,
      logger: deps.logger,
      hosts: () => this.#hosts(),
      candidates: () => this.#candidates(),
    });
  }

  get ready(): boolean {
    return this.#started && this.#queues.known && !this.#fillingImage;
  }

  start(): void {
    this.#started = true;
    this.#queues.start();
    if (this.#fillingImage) void this.#preload();
  }

  stop(): void {
    this.#started = false;
    this.#queues.stop();
  }

  close(): void {
    this.#started = false;
    this.#queues.drop();
    this.#store.clear();
  }

  onClusterChange(): void {
    this.#queues.request();
  }

  reset(keepCopies: boolean): void {
    this.#queues.reset(keepCopies);
    if (keepCopies) return;
    this.#store.clear();
    if (this.kind === 'preloaded') {
      this.#fillingImage = true;
      void this.#preload();
    }
  }

  otherHolders(bucket: number): MemberKey[] {
    return this.#queues.otherHolders(bucket);
  }

  primaryOf(bucket: number): MemberKey | undefined {
    return this.#queues.primaryOf(bucket);
  }

  bucketOf(key: string): number {
    return this.#queues.bucketOf(key);
  }

  buckets(): BucketsStatus {
    return this.#queues.status();
  }

  put(key: string, value: JsonValue, context: OperationContext): Promise<RegionEvent> {
    const event = this.#store.put(key, value, context);
    return this.#distribute(event, { kind: 'local' });
  }

  /** A key held only by other members is fetched first (net search), then destroyed here. */
  async destroy(key: string, context: OperationContext): Promise<RegionEvent | undefined> {
    await this.get(key);
    const event = this.#store.destroy(key, context);
    return event ? this.#distribute(event, { kind: 'local' }) : undefined;
  }

  /** RECV-1: applied by the member whose receiver got it; it then holds the key. */
  async applyRemote(event: RegionEvent, fromDsid: number): Promise<RemoteApplyOutcome> {
    const outcome = this.#store.applyRemote(event, fromDsid);
    if (outcome.kind === 'discarded') return outcome;
    const applied = await this.#distribute(outcome.event, { kind: 'remote', fromDsid });
    return { kind: 'applied', event: applied };
  }

  async get(key: string): Promise<Entry | undefined> {
    const local = this.#store.get(key);
    if (local) return local;
    const others = this.#hosts().filter((h) => h !== this.#deps.cluster.selfKey);
    const replies = await Promise.all(
      others.map((host) =>
        this.#deps.cluster
          .request(host, { t: 'region.search', region: this.name, key }, SEARCH_TIMEOUT_MS)
          .then(
            (reply) => (reply as SearchReply).entry,
            () => null,
          ),
      ),
    );
    const found = latestLive(replies);
    if (!found) return undefined;
    const held = this.#store.held(key);
    if (!held || isLaterVersion(found.version, held.version)) this.#store.restore(key, found);
    return this.#store.get(key);
  }

  async size(): Promise<number> {
    return this.#store.size();
  }

  async liveEntries(): Promise<Array<[string, Entry]>> {
    return this.#store.liveEntries();
  }

  clear(): number {
    const cleared = this.#store.size();
    this.#store.clear();
    return cleared;
  }

  handle(body: HostedPeerBody, from: MemberRef): unknown {
    switch (body.t) {
      case 'region.change':
        return this.#onChange(body, from);
      case 'region.search':
        return { entry: this.#store.get(body.key) ?? null } satisfies SearchReply;
      case 'region.image':
        return this.#image();
      case 'region.table':
      case 'region.held':
      case 'region.poke':
      case 'region.queues':
        return this.#queues.handle(body);
      default:
        throw new EngineError(
          'WAN_ERR_PROTOCOL',
          `${body.t} is not a request for ${this.kind} region ${this.name}`,
          'every member of a site must define the region with the same type',
        );
    }
  }

  /**
   * Everything up to sending the change to the other members happens before the first await,
   * so a member's changes reach every other member, and every queue, in the order it made them.
   */
  #distribute(applied: RegionEvent, source: AppliedSource): Promise<RegionEvent> {
    const { sink, cluster } = this.#deps;
    const bucket = this.#queues.bucketOf(applied.key);
    const local: RegionEvent = { ...applied, bucket };
    const routed = sink.route(this.#config, local);
    sink.applied(local, source);
    sink.enqueue(routed.senderIds, routed.event, { region: this.name, bucket });
    const body: NormalChange = {
      t: 'region.change',
      region: this.name,
      bucket,
      event: local,
      recipients: routed.event.recipients,
      source,
      senders: routed.senderIds,
    };
    const sends = this.#changeTargets(routed.senderIds).map((target) =>
      cluster.request(target, body).catch((error: unknown) => {
        this.#deps.logger.debug(
          { region: this.name, key: local.key, err: errorMessage(error) },
          'a member did not take a change',
        );
      }),
    );
    return cluster.track(Promise.all(sends)).then(() => local);
  }

  #changeTargets(senderIds: string[]): MemberKey[] {
    const { cluster, sink } = this.#deps;
    const targets = new Set<MemberKey>([...this.#hosts(), ...sink.queueHosts(senderIds)]);
    targets.delete(cluster.selfKey);
    return [...targets].filter((key) => cluster.isMember(key));
  }

  #onChange(body: NormalChange, from: MemberRef): object {
    const held = this.#store.held(body.event.key);
    if (takesPeerChange(held, body.event.version, this.#fillingImage)) {
      this.#store.restore(body.event.key, {
        value: body.event.value,
        version: body.event.version,
        tombstone: body.event.op === 'destroy',
      });
      this.#deps.sink.applied(body.event, { ...body.source, viaMember: from.name });
    }
    if (body.senders.length > 0) {
      const queued = { ...body.event, recipients: body.recipients };
      this.#deps.sink.enqueue(body.senders, queued, { region: this.name, bucket: body.bucket });
    }
    return {};
  }

  /** Only a host that has its own image gives one, so two starting members never swap nothing. */
  #image(): ImageReply {
    if (this.#fillingImage) {
      throw new EngineError(
        'WAN_ERR_NOT_READY',
        `preloaded region ${this.name} is still filling its own initial image`,
        'an older member gives the image',
      );
    }
    return { entries: this.#store.dump() };
  }

  /**
   * PRELOADED (Geode's DistributedRegion.getInitialImageAndRecovery, "fetch from another
   * PRELOADED"): copy the entries of the oldest older host that answers; the oldest host has
   * nobody to copy from and starts with what it has.
   */
  async #preload(): Promise<void> {
    const self = this.#deps.cluster.selfKey;
    while (this.#started && this.#fillingImage) {
      const older = this.#candidates();
      const mine = older.indexOf(self);
      if (mine === 0) break;
      const sources = mine < 0 ? older : older.slice(0, mine);
      for (const source of sources) {
        if (await this.#loadImageFrom(source)) {
          this.#fillingImage = false;
          return;
        }
      }
      await sleep(IMAGE_RETRY_MS);
    }
    this.#fillingImage = false;
  }

  async #loadImageFrom(source: MemberKey): Promise<boolean> {
    try {
      const reply = (await this.#deps.cluster.request(source, {
        t: 'region.image',
        region: this.name,
      })) as ImageReply;
      for (const [key, entry] of reply.entries) {
        const held = this.#store.held(key);
        if (!held || isLaterVersion(entry.version, held.version)) this.#store.restore(key, entry);
      }
      this.#deps.logger.info(
        { region: this.name, entries: reply.entries.length },
        'preloaded region filled its initial image',
      );
      return true;
    } catch (error) {
      this.#deps.logger.debug(
        { region: this.name, err: errorMessage(error) },
        'no initial image from this member yet',
      );
      return false;
    }
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
}
