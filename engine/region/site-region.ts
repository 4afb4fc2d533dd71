import type { RegionType } from '../config/member-config.js';
import type { Entry, OperationContext, RemoteApplyOutcome } from './region.js';
import type { JsonValue, RegionEvent } from './region-event.js';

/**
 * Where each bucket of a region is, as the control API reports it. A normal or preloaded
 * region reports its queue buckets: how its parallel senders spread its events (SEND-13).
 */
export interface BucketsStatus {
  region: string;
  type: RegionType;
  totalBuckets: number;
  redundantCopies: number;
  /** Version of the bucket table this member follows. */
  tableVersion: number;
  buckets: Array<{
    id: number;
    primary: string | null;
    copies: string[];
    initializing: string[];
  }>;
}

/**
 * A region as the whole site holds it, whichever member is asked: a write returns once every
 * live member that must hold it does, a read sees the site's data. The engine/region/bucket
 * implementation keeps each member's share in local `Region` stores.
 */
export interface SiteRegion {
  readonly name: string;
  readonly kind: RegionType;
  /** False until this member holds the state it must serve (a restart catches up first). */
  readonly ready: boolean;
  put(key: string, value: JsonValue, context: OperationContext): Promise<RegionEvent>;
  /** Undefined when there was no live entry to destroy. */
  destroy(key: string, context: OperationContext): Promise<RegionEvent | undefined>;
  get(key: string): Promise<Entry | undefined>;
  size(): Promise<number>;
  liveEntries(): Promise<Array<[string, Entry]>>;
  /** A change received from another site (RECV-1), applied by the key's primary. */
  applyRemote(event: RegionEvent, fromDsid: number): Promise<RemoteApplyOutcome>;
  /** The bucket a key belongs to (0 for a replicated region; the queue bucket for a normal one). */
  bucketOf(key: string): number;
  buckets(): BucketsStatus;
  /** Local only, never distributed: the harness resets sites between scenarios with it. */
  clear(): number;
}
