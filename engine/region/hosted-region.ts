import type { MemberRef } from '../cluster/member-ref.js';
import { REGION_PEER_TYPES, type RegionPeerBody } from './bucket/bucket-messages.js';
import type { MemberKey } from './bucket/bucket-table.js';
import { NORMAL_PEER_TYPES, type NormalPeerBody } from './normal/normal-messages.js';
import type { SiteRegion } from './site-region.js';

/** Every peer request a region answers, whatever its kind. */
export type HostedPeerBody = RegionPeerBody | NormalPeerBody;

export const HOSTED_PEER_TYPES: readonly string[] = [
  ...new Set<string>([...REGION_PEER_TYPES, ...NORMAL_PEER_TYPES]),
];

/** A peer body for a region of any kind: the member routes it by its type. */
export function isHostedPeerBody(body: { t: string }): body is HostedPeerBody {
  return HOSTED_PEER_TYPES.includes(body.t);
}

/**
 * A region as one member hosts it for its site: the SiteRegion the control API and the
 * receiver use, plus what the member drives (lifecycle, the site's view, peer requests) and
 * what its parallel senders ask (who else holds a bucket's queue).
 */
export interface HostedRegion extends SiteRegion {
  start(): void;
  stop(): void;
  /** Destroyed or closed on this member (GEODE-5): stopped, its entries and bucket roles dropped. */
  close(): void;
  /** The site's view or a profile changed. */
  onClusterChange(): void;
  /** This member rejoined the site as a new session; alone, it keeps what it held. */
  reset(keepCopies: boolean): void;
  /** The other members holding a copy of a bucket (or of its queue), primary included. */
  otherHolders(bucket: number): MemberKey[];
  /** The bucket's primary, when it is another member. */
  primaryOf(bucket: number): MemberKey | undefined;
  /** Peer requests addressed to this region. */
  handle(body: HostedPeerBody, from: MemberRef): unknown;
}
