import type { Entry } from '../region.js';
import type { BucketCopy } from './bucket-copy.js';
import type { ReadReply, ReadRequest } from './bucket-messages.js';

/** What a member can read locally: a key's copy, and the copies it is primary of. */
export interface LocalCopies {
  copyOf(key: string): BucketCopy | undefined;
  primaryCopies(): Array<[number, BucketCopy]>;
}

/** A member's answer to a read: a key from its copy, or sizes/entries of its primary buckets. */
export function answerRead(body: ReadRequest, local: LocalCopies): ReadReply {
  if (body.op === 'get') return { entry: local.copyOf(body.key)?.store.get(body.key) ?? null };
  const mine = local.primaryCopies();
  if (body.op === 'sizes') return { sizes: mine.map(([b, copy]) => [b, copy.store.size()]) };
  return { entries: mine.map(([b, copy]) => [b, copy.store.liveEntries()]) };
}

/**
 * One value per bucket from the gathered replies; the first reply naming a bucket wins (a
 * bucket that moved meanwhile may be named twice; the asking member's own answer comes first).
 */
function perBucket<T>(pairs: Array<Array<[number, T]>>): T[] {
  const byBucket = new Map<number, T>();
  for (const [bucket, value] of pairs.flat())
    if (!byBucket.has(bucket)) byBucket.set(bucket, value);
  return [...byBucket.values()];
}

export function totalSize(replies: ReadReply[]): number {
  const sizes = replies.map((r) => (r as { sizes: Array<[number, number]> }).sizes);
  return perBucket(sizes).reduce((a, b) => a + b, 0);
}

export function allEntries(replies: ReadReply[]): Array<[string, Entry]> {
  const entries = replies.map(
    (r) => (r as { entries: Array<[number, Array<[string, Entry]>]> }).entries,
  );
  return perBucket(entries).flat();
}
