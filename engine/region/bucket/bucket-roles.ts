import { memberKey } from '../../cluster/member-ref.js';
import type { SiteCluster } from '../../cluster/site-cluster.js';
import { BucketCopy } from './bucket-copy.js';
import type { HeldReply } from './bucket-messages.js';
import type { BucketStore } from './bucket-store.js';
import { holdersOf, type BucketTable, type MemberKey } from './bucket-table.js';
import type { BucketRole, RegionEventSink } from './event-sink.js';

export interface BucketRolesDeps {
  region: string;
  cluster: SiteCluster;
  sink: RegionEventSink;
  newStore: () => BucketStore;
  /** A copy this member must fill from the bucket's primary (copy-filling.ts). */
  fill: (bucket: number) => void;
}

/**
 * What this member holds of one region and in which role, as the bucket table it follows
 * says: the copies it keeps (created, promoted, dropped as tables arrive), its role per bucket
 * (passed on to the gateway side), and who else holds each bucket. Waiters are woken by every
 * new table and every change of the site.
 */
export class BucketRoles {
  readonly copies = new Map<number, BucketCopy>();
  /** Copies that asked for a snapshot before the table listed them. */
  readonly extraTargets = new Map<number, Set<MemberKey>>();
  readonly #roles = new Map<number, BucketRole>();
  readonly #deps: BucketRolesDeps;
  #table: BucketTable | undefined;
  #tableWaiters: Array<() => void> = [];

  constructor(deps: BucketRolesDeps) {
    this.#deps = deps;
  }

  get table(): BucketTable | undefined {
    return this.#table;
  }

  get version(): number {
    return this.#table?.version ?? 0;
  }

  primaryKey(bucket: number): MemberKey | null {
    return this.#table?.buckets[bucket]?.primary ?? null;
  }

  /** This member is the bucket's primary and its copy is ready. */
  isReadyPrimary(bucket: number): boolean {
    return (
      this.primaryKey(bucket) === this.#deps.cluster.selfKey &&
      this.copies.get(bucket)?.state === 'ready'
    );
  }

  /** Every holder of a bucket as the table has it, this member included. */
  holders(bucket: number): MemberKey[] {
    return holdersOf(
      this.#table?.buckets[bucket] ?? { primary: null, copies: [], initializing: [] },
    );
  }

  /** The ready copies this member is primary of. */
  primaryCopies(): Array<[number, BucketCopy]> {
    return [...this.copies].filter(([bucket]) => this.isReadyPrimary(bucket));
  }

  held(): HeldReply {
    const ready: number[] = [];
    const initializing: number[] = [];
    for (const [bucket, copy] of this.copies) {
      (copy.state === 'ready' ? ready : initializing).push(bucket);
    }
    return { table: this.#table ?? null, ready, initializing };
  }

  /** Members hosting the region, by their profiles. */
  hosts(): MemberKey[] {
    return this.#deps.cluster
      .hosts((profile) => profile.regions.some((r) => r.name === this.#deps.region))
      .map(memberKey);
  }

  /** Members that host the region or may (profile not known yet), oldest first. */
  candidates(): MemberKey[] {
    const { cluster } = this.#deps;
    return cluster
      .members()
      .filter((m) => {
        const profile = cluster.profile(memberKey(m));
        return !profile || profile.regions.some((r) => r.name === this.#deps.region);
      })
      .map(memberKey);
  }

  /** A newer table: copies are made, promoted or dropped, and roles passed on. */
  apply(table: BucketTable): void {
    if (this.#table && table.version <= this.#table.version) return;
    const self = this.#deps.cluster.selfKey;
    this.#table = table;
    table.buckets.forEach((assignment, bucket) => {
      let copy = this.copies.get(bucket);
      const isPrimary = assignment.primary === self;
      if (!holdersOf(assignment).includes(self)) {
        if (copy) this.drop(bucket);
        return;
      }
      if (!copy) {
        copy = new BucketCopy(this.#deps.newStore(), isPrimary ? 'ready' : 'initializing');
        this.copies.set(bucket, copy);
      }
      if (isPrimary) {
        // A copy still filling whose source is gone keeps what it has (the rest is lost).
        copy.state = 'ready';
        if (this.#roles.get(bucket) !== 'primary') copy.promote(table.version);
      } else if (copy.state === 'initializing') {
        this.#deps.fill(bucket);
      }
      this.#setRole(bucket, isPrimary ? 'primary' : 'copy');
      const extra = this.extraTargets.get(bucket);
      if (extra) for (const key of holdersOf(assignment)) extra.delete(key);
    });
    this.wake();
  }

  /** This member rejoined as a new session: the table is gone, copies kept only if asked. */
  forget(keepCopies: boolean): void {
    this.#table = undefined;
    this.extraTargets.clear();
    if (!keepCopies) {
      for (const bucket of [...this.copies.keys()]) this.drop(bucket);
    }
  }

  drop(bucket: number): void {
    this.copies.delete(bucket);
    this.#setRole(bucket, 'none');
  }

  #setRole(bucket: number, role: BucketRole): void {
    if ((this.#roles.get(bucket) ?? 'none') === role) return;
    this.#roles.set(bucket, role);
    this.#deps.sink.bucketRole({ region: this.#deps.region, bucket }, role);
  }

  /** Resolves when a newer table arrives, the view changes, or after `maxWaitMs`. */
  change(version: number, maxWaitMs: number): Promise<void> {
    if (this.version > version) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.#tableWaiters.push(done);
    });
  }

  wake(): void {
    const waiters = this.#tableWaiters;
    this.#tableWaiters = [];
    for (const wake of waiters) wake();
  }
}
