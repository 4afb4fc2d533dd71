import type { OperationContext } from './region.js';
import type { JsonValue, RegionEvent } from './region-event.js';

/** What putAll needs: a region whose put may wait for the site (engine/region/site-region.ts). */
export interface Puttable {
  put(key: string, value: JsonValue, context: OperationContext): RegionEvent | Promise<RegionEvent>;
}

/**
 * putAll as Geode distributes it over the WAN: one event per key (PUTALL_CREATE or
 * PUTALL_UPDATE), in the order given, each with its own version. Any region gets it.
 */
export async function putAll(
  region: Puttable,
  entries: ReadonlyArray<{ key: string; value: JsonValue }>,
  context: OperationContext,
): Promise<RegionEvent[]> {
  const events: RegionEvent[] = [];
  for (const { key, value } of entries) events.push(await region.put(key, value, context));
  return events;
}
