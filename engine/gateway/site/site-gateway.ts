import type { Clock } from '../../clock.js';
import { memberKey, type MemberRef } from '../../cluster/member-ref.js';
import type { SenderProfile } from '../../cluster/member-profile.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import type { RegionConfig } from '../../config/member-config.js';
import type { AppliedEventLog } from '../../region/applied-log.js';
import { EngineError } from '../../errors.js';
import type { MemberKey } from '../../region/bucket/bucket-table.js';
import type { BucketRef, BucketRole, RegionEventSink } from '../../region/bucket/event-sink.js';
import type { AppliedSource, RegionEvent } from '../../region/region-event.js';
import { routeEvent, type RouteTarget } from '../routing.js';
import type { SiteSender } from './site-sender.js';

interface SiteSenderTarget extends RouteTarget {
  id: string;
}

/** Derived from the site's view and profiles; valid while the cluster's revision holds. */
interface DerivedView {
  revision: number;
  selfKey: MemberKey;
  sitesSenders: Map<string, SiteSenderTarget[]>;
  definitions: Map<string, SenderProfile | undefined>;
  queueHosts: Map<string, MemberKey[]>;
}

/**
 * The gateway side of one member in its site: the member's sender instances, fed by the
 * region layer. The bucket primary routes an event once for the whole site, against every
 * sender any member of the site hosts for the region (a member need not host them all), and
 * every member the event reaches queues it in its own instances.
 */
/** The peer messages of senders, routed by sender id (`handle`). */
export const SENDER_PEER_TYPES = [
  'sender.removed',
  'sender.copy',
  'sender.offer',
  'sender.added',
  'sender.bucket',
  'sender.acknowledged',
] as const;

export class SiteGateway implements RegionEventSink {
  readonly #cluster: SiteCluster;
  readonly #appliedLog: AppliedEventLog;
  readonly #clock: Clock;
  readonly #senders = new Map<string, SiteSender>();
  /** What the members' profiles say, derived once per view revision (issue 19). */
  #derived: DerivedView | undefined;

  constructor(cluster: SiteCluster, appliedLog: AppliedEventLog, clock: Clock) {
    this.#cluster = cluster;
    this.#appliedLog = appliedLog;
    this.#clock = clock;
  }

  add(sender: SiteSender): void {
    this.#senders.set(sender.id, sender);
  }

  senders(): SiteSender[] {
    return [...this.#senders.values()];
  }

  /** A sender destroyed at runtime (GEODE-6): no more events reach it. */
  remove(id: string): void {
    this.#senders.delete(id);
  }

  route(region: RegionConfig, event: RegionEvent): { event: RegionEvent; senderIds: string[] } {
    const view = this.#view();
    let targets = view.sitesSenders.get(region.name);
    if (!targets) {
      targets = this.#siteSenders(region.name);
      view.sitesSenders.set(region.name, targets);
    }
    if (targets.length === 0) return { event, senderIds: [] };
    const decision = routeEvent(event, targets);
    // A parallel sender stopped on every member still takes the event at the bucket's primary,
    // which records it as dropped (STOP-4); a stopped serial sender only counts it.
    const dropping = decision.stopped.filter((t) => this.#definition(t.id)?.parallel === true);
    for (const skipped of decision.skip) {
      if (!dropping.includes(skipped)) this.#senders.get(skipped.id)?.countNotQueued();
    }
    return { event: decision.event, senderIds: [...decision.send, ...dropping].map((t) => t.id) };
  }

  queueHosts(senderIds: readonly string[]): MemberKey[] {
    if (senderIds.length === 0) return [];
    const view = this.#view();
    const cacheKey = senderIds.join('\u0000');
    let hosts = view.queueHosts.get(cacheKey);
    if (!hosts) {
      hosts = this.#queueHosts(senderIds);
      view.queueHosts.set(cacheKey, hosts);
    }
    return hosts;
  }

  #queueHosts(senderIds: readonly string[]): MemberKey[] {
    const serial = new Set(senderIds.filter((id) => !this.#definition(id)?.parallel));
    if (serial.size === 0) return [];
    return this.#cluster
      .hosts((p) => p.senders.some((s) => serial.has(s.id) && s.running))
      .map(memberKey);
  }

  enqueue(senderIds: readonly string[], event: RegionEvent, at: BucketRef): void {
    for (const id of senderIds) this.#senders.get(id)?.offer(event, at);
  }

  applied(event: RegionEvent, source: AppliedSource): void {
    this.#appliedLog.record(event, source, this.#clock.now());
  }

  bucketQueues(at: BucketRef): Record<string, RegionEvent[]> {
    const queues: Record<string, RegionEvent[]> = {};
    for (const sender of this.#senders.values()) {
      const events = sender.bucketEvents(at);
      if (events) queues[sender.id] = events;
    }
    return queues;
  }

  loadBucketQueues(at: BucketRef, queues: Record<string, RegionEvent[]>): void {
    for (const [id, events] of Object.entries(queues))
      this.#senders.get(id)?.loadBucket(at, events);
  }

  bucketRole(at: BucketRef, role: BucketRole): void {
    for (const sender of this.#senders.values()) sender.bucketRole(at, role);
  }

  onClusterChange(): void {
    for (const sender of this.#senders.values()) sender.update();
  }

  /** Peer messages `sender.*`, addressed by sender id. */
  handle(body: PeerBody, from: MemberRef): unknown {
    const sender = this.#senders.get(String(body.sender));
    if (!sender) {
      throw new EngineError(
        'WAN_ERR_SENDER_UNKNOWN',
        `gateway sender "${String(body.sender)}" is not hosted on this member`,
        'the site view is changing',
      );
    }
    return sender.handle(body, from);
  }

  async rejoined(alone: boolean): Promise<void> {
    await Promise.all([...this.#senders.values()].map((s) => s.rejoined(alone)));
  }

  /** The site's senders of a region, from every member's profile. */
  #siteSenders(region: string): SiteSenderTarget[] {
    const ids = new Set<string>();
    const running = new Set<string>();
    const definitions = new Map<string, SenderProfile>();
    for (const member of this.#cluster.members()) {
      const profile = this.#cluster.profile(memberKey(member));
      if (!profile) continue;
      for (const id of profile.regions.find((r) => r.name === region)?.senderIds ?? []) ids.add(id);
      for (const sender of profile.senders) {
        if (!definitions.has(sender.id)) definitions.set(sender.id, sender);
        if (sender.running) running.add(sender.id);
      }
    }
    return [...ids]
      .filter((id) => definitions.has(id))
      .map((id) => ({
        id,
        remoteDsid: definitions.get(id)!.remoteDistributedSystemId,
        isRunning: () => running.has(id),
      }));
  }

  #definition(id: string): SenderProfile | undefined {
    const { definitions } = this.#view();
    if (!definitions.has(id)) definitions.set(id, this.#findDefinition(id));
    return definitions.get(id);
  }

  /** The derived view, computed afresh once the site's view or a profile changed. */
  #view(): DerivedView {
    const revision = this.#cluster.viewRevision;
    const selfKey = this.#cluster.selfKey;
    const derived = this.#derived;
    if (derived && derived.revision === revision && derived.selfKey === selfKey) return derived;
    this.#derived = {
      revision,
      selfKey,
      sitesSenders: new Map(),
      definitions: new Map(),
      queueHosts: new Map(),
    };
    return this.#derived;
  }

  #findDefinition(id: string): SenderProfile | undefined {
    for (const member of this.#cluster.members()) {
      const found = this.#cluster.profile(memberKey(member))?.senders.find((s) => s.id === id);
      if (found) return found;
    }
    return undefined;
  }
}
