import type { MemberRef } from '../../cluster/member-ref.js';
import type { PeerBody } from '../../cluster/peer-transport.js';
import type { BucketRef, BucketRole } from '../../region/bucket/event-sink.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { GatewaySender } from '../sender/gateway-sender.js';
import type { DroppedEvent } from './dropped-events.js';

/**
 * A gateway sender as one member of a site runs it: besides the GatewaySender operations of
 * the control API, it takes events that the region layer routed to it (as primary or as a
 * copy), follows the site's view, and answers its peers' sender messages.
 */
export interface SiteSender extends GatewaySender {
  /** Real wall-clock ms at which it last started; the oldest running serial sender is primary. */
  readonly runningSinceMs: number;
  /** An applied event routed to this sender, wherever it was applied in the site. */
  offer(event: RegionEvent, at: BucketRef): void;
  /** The view or a profile changed: re-elect, take over or give up. */
  update(): void;
  /** Peer messages addressed to this sender (`sender.*`). */
  handle(body: PeerBody, from: MemberRef): unknown;
  /** Parallel senders keep one queue per bucket this member holds. */
  bucketRole(at: BucketRef, role: BucketRole): void;
  bucketEvents(at: BucketRef): RegionEvent[] | undefined;
  loadBucket(at: BucketRef, events: RegionEvent[]): void;
  /**
   * This member rejoined the site as a new session. Alone, what it held is all the site has
   * and is kept; otherwise it is stale and replaced by the others' copies.
   */
  rejoined(alone: boolean): Promise<void>;
  /** STOP-4: events dropped because the sender was stopped on a primary bucket's member. */
  dropped(): { total: number; events: DroppedEvent[] };
  /** RECV-6: reconnects every dispatcher, spreading them over the receivers known now. */
  rebalance(): Promise<void>;
}
