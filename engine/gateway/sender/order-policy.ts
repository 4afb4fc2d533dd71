import type { OrderPolicy } from '../../config/sender-schema.js';
import type { RegionEvent } from '../../region/region-event.js';

/**
 * SEND-8: which physical queue (dispatcher lane) of a serial sender an event goes to. Events
 * that must stay in order share a lane: the same key (`key`), the same originating client
 * thread (`thread`), or the same bucket (`partition`; a replicated region's key hash, as in
 * Geode). Lanes are independent, so no order holds across them.
 */
export function laneOf(event: RegionEvent, policy: OrderPolicy, lanes: number): number {
  if (lanes <= 1) return 0;
  switch (policy) {
    case 'key':
      return fnv1a(event.key) % lanes;
    case 'thread':
      return fnv1a(`${event.id.member}#${event.id.thread}`) % lanes;
    case 'partition':
      return (event.bucket ?? fnv1a(event.key)) % lanes;
  }
}

/** 32-bit FNV-1a: stable across processes and restarts, unlike any per-process hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
