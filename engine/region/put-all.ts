import type { OperationContext, Region } from './region.js';
import type { JsonValue, RegionEvent } from './region-event.js';

/**
 * putAll as Geode distributes it over the WAN: one event per key (PUTALL_CREATE or
 * PUTALL_UPDATE), in the order given, each with its own version. Any Region gets it.
 */
export function putAll(
  region: Region,
  entries: ReadonlyArray<{ key: string; value: JsonValue }>,
  context: OperationContext,
): RegionEvent[] {
  return entries.map(({ key, value }) => region.put(key, value, context));
}
