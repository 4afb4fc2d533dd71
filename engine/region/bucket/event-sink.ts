import type { RegionConfig } from '../../config/member-config.js';
import type { AppliedSource, RegionEvent } from '../region-event.js';
import type { MemberKey } from './bucket-table.js';

export type BucketRole = 'primary' | 'copy' | 'none';

export interface BucketRef {
  region: string;
  bucket: number;
}

/**
 * What a region needs of the gateway side of its member (engine/gateway/site): the bucket
 * primary routes each applied event once for the site, and every member that receives the
 * event queues it in its own instances of the senders it was routed to. Parallel senders keep
 * one queue per bucket, so bucket moves and role changes are passed on.
 */
export interface RegionEventSink {
  /** At the primary: the senders that take the event, and the event as they take it. */
  route(region: RegionConfig, event: RegionEvent): { event: RegionEvent; senderIds: string[] };
  /** Other members that queue events of these senders even without a copy of the bucket. */
  queueHosts(senderIds: readonly string[]): MemberKey[];
  /** Hands an applied event to this member's instances of these senders. */
  enqueue(senderIds: readonly string[], event: RegionEvent, at: BucketRef): void;
  /** Records an applied event (the applied-event log of the control API). */
  applied(event: RegionEvent, source: AppliedSource): void;
  /** The bucket's queues of the parallel senders hosted here, for a new copy. */
  bucketQueues(at: BucketRef): Record<string, RegionEvent[]>;
  /** Fills a new copy's parallel queues from the primary's. */
  loadBucketQueues(at: BucketRef, queues: Record<string, RegionEvent[]>): void;
  /** This member's role for a bucket changed. */
  bucketRole(at: BucketRef, role: BucketRole): void;
}
