/**
 * Example gateway event filter (issue 15): keeps events whose key starts with one of
 * `prefixes` from reaching the remote site. `stage` says where: `enqueue` (default; the events
 * never enter the queue) or `transmit` (they are queued, left out of each batch, and leave the
 * queue with the batch's ack, as Geode's beforeTransmit does).
 *
 *   senders:
 *     - id: to-site2
 *       remoteSite: site2
 *       eventFilters:
 *         - module: filters/drop-prefix.ts
 *           options: { prefixes: ['local-'], stage: enqueue }
 */
import type { GatewayEventFilter, GatewayFilterEvent } from '../../contract/event-filter-api.js';
import type { JsonValue } from '../../contract/json.js';

export function createEventFilter(options: Record<string, JsonValue>): GatewayEventFilter {
  const prefixes = options.prefixes;
  const stage = options.stage ?? 'enqueue';
  if (!Array.isArray(prefixes) || !prefixes.every((p) => typeof p === 'string' && p !== '')) {
    throw new Error('options.prefixes must be a list of non-empty strings');
  }
  if (stage !== 'enqueue' && stage !== 'transmit') {
    throw new Error(`options.stage must be "enqueue" or "transmit", not ${JSON.stringify(stage)}`);
  }
  const wanted = prefixes as string[];
  let dropped = 0;
  const keep = (event: GatewayFilterEvent): boolean => {
    if (!wanted.some((prefix) => event.key.startsWith(prefix))) return true;
    dropped++;
    return false;
  };
  return {
    ...(stage === 'enqueue' ? { beforeEnqueue: keep } : { beforeTransmit: keep }),
    stats: () => ({ dropped }),
  };
}
