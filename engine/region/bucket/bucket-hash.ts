/**
 * Keys map to buckets by FNV-1a (32 bit) of the key's UTF-8 bytes, modulo the region's
 * totalBuckets: stable across members, restarts and engine versions, so that a harness or
 * another implementation can compute it too (docs/architecture.md).
 */
export function bucketOf(key: string, totalBuckets: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % totalBuckets;
}
