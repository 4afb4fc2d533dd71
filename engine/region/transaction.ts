import { EngineError } from '../errors.js';
import type { Region } from './region.js';
import type { JsonValue, RegionEvent } from './region-event.js';

export type TransactionOperation =
  | { op: 'put'; region: string; key: string; value: JsonValue }
  | { op: 'destroy'; region: string; key: string };

/**
 * Commits several puts and destroys on one member as one transaction: either every operation
 * applies, in order and within one turn of the event loop (so a sender queues the events next
 * to each other), or none does. Each event carries the transaction id, the last one flagged
 * `last` (TX-1).
 */
export function commitTransaction(
  id: string,
  operations: readonly TransactionOperation[],
  regionOf: (name: string) => Region,
  thread: number,
): RegionEvent[] {
  checkTransaction(operations, regionOf);
  return operations.map((operation, index) => {
    const region = regionOf(operation.region);
    const context = { thread, tx: { id, last: index === operations.length - 1 } };
    if (operation.op === 'put') return region.put(operation.key, operation.value, context);
    return region.destroy(operation.key, context)!;
  });
}

/** Every region must exist and every destroy must find a live entry, counting earlier ops. */
function checkTransaction(
  operations: readonly TransactionOperation[],
  regionOf: (name: string) => Region,
): void {
  if (operations.length === 0) {
    throw new EngineError(
      'WAN_ERR_BAD_REQUEST',
      'a transaction needs at least one operation',
      'send {operations: [{op: "put", region, key, value}, ...]}',
    );
  }
  const live = new Map<string, boolean>();
  operations.forEach((operation, index) => {
    const region = regionOf(operation.region);
    const entry = `${operation.region}\u0000${operation.key}`;
    const exists = live.get(entry) ?? region.get(operation.key) !== undefined;
    if (operation.op === 'destroy' && !exists) {
      throw new EngineError(
        'WAN_ERR_BAD_REQUEST',
        `operations[${index}] destroys "${operation.key}" in region "${operation.region}", which has no entry there`,
        'nothing was applied; remove the destroy or put the entry first',
      );
    }
    live.set(entry, operation.op === 'put');
  });
}
