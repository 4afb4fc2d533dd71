import type { SenderStatus } from '../../contract/index.js';
import type { WriteLoad } from '../../harness/load/write-load.js';
import type { WanWorld } from './world.js';

/**
 * What the scenarios of sites with several members remember between steps (issue 4): the
 * member that was primary before a fault, the running write load, the bucket of every key
 * written. Kept beside the world, per scenario.
 */
export interface SiteMemory {
  formerPrimary?: string;
  /** The secondary noted with the primary (a sender on two members, issue 14). */
  formerSecondary?: string;
  load?: WriteLoad;
  /** key -> bucket, from the answers of partitioned-region writes. */
  buckets: Map<string, number>;
  /** bucket -> member that was its primary when recorded. */
  bucketPrimaries?: Map<number, string>;
  /** The result of the last refused start. */
  refusal?: string;
  /** member -> its sender's status when recorded, to compare counts against. */
  senderBaseline?: Map<string, SenderStatus>;
}

const memories = new WeakMap<WanWorld, SiteMemory>();

export function memoryOf(world: WanWorld): SiteMemory {
  let memory = memories.get(world);
  if (!memory) {
    memory = { buckets: new Map() };
    memories.set(world, memory);
  }
  return memory;
}
