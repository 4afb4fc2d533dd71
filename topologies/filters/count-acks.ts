/**
 * Example gateway event filter (issue 15): counts the acknowledgements it hears of, as
 * Geode's own WAN tests do (`testReplicatedSerialPropagationWithFilter_AfterAck`). Every
 * member that holds a copy of an event hears of its acknowledgement once, so with one
 * redundant copy the site counts each event twice. Reported by `stats()` as
 * `acknowledged`, and per operation.
 */
import type { GatewayEventFilter } from '../../contract/event-filter-api.js';

export function createEventFilter(): GatewayEventFilter {
  const counts = { acknowledged: 0, create: 0, update: 0, destroy: 0 };
  return {
    afterAcknowledgement(event) {
      counts.acknowledged++;
      counts[event.operation]++;
    },
    stats: () => ({ ...counts }),
  };
}
