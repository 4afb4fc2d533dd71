import { EngineError } from '../errors.js';
import type { Entry, OperationContext } from './region.js';
import type { JsonValue, RegionEvent } from './region-event.js';

/** What a transaction needs of a region: a local store or a site region (site-region.ts). */
export interface TransactionRegion {
  get(key: string): Entry | undefined | Promise<Entry | undefined>;
  put(key: string, value: JsonValue, context: OperationContext): RegionEvent | Promise<RegionEvent>;
  destroy(
    key: string,
    context: OperationContext,
  ): RegionEvent | undefined | Promise<RegionEvent | undefined>;
}

export type TransactionOperation =
  | { op: 'put'; region: string; key: string; value: JsonValue }
  | { op: 'destroy'; region: string; key: string };

/**
 * Commits several puts and destroys as one transaction: either every operation applies, in
 * order, or none does (checked before the first applies). Each event carries the transaction
 * id, the last one flagged `last` (TX-1). The operations start one after the other without
 * waiting in between: where this member is the primary of every key (a site of one member),
 * they apply within one turn of the event loop, so a sender queues them next to each other;
 * otherwise each reaches its key's primary in order.
 */
export async function commitTransaction(
  id: string,
  operations: readonly TransactionOperation[],
  regionOf: (name: string) => TransactionRegion,
  thread: number,
): Promise<RegionEvent[]> {
  await checkTransaction(operations, regionOf);
  const started = operations.map((operation, index) => {
    const region = regionOf(operation.region);
    const context = { thread, tx: { id, last: index === operations.length - 1 } };
    if (operation.op === 'put') return region.put(operation.key, operation.value, context);
    return region.destroy(operation.key, context);
  });
  return (await Promise.all(started)).map((event) => event!);
}

/** Every region must exist and every destroy must find a live entry, counting earlier ops. */
async function checkTransaction(
  operations: readonly TransactionOperation[],
  regionOf: (name: string) => TransactionRegion,
): Promise<void> {
  if (operations.length === 0) {
    throw new EngineError(
      'WAN_ERR_BAD_REQUEST',
      'a transaction needs at least one operation',
      'send {operations: [{op: "put", region, key, value}, ...]}',
    );
  }
  const live = new Map<string, boolean>();
  for (const [index, operation] of operations.entries()) {
    const region = regionOf(operation.region);
    const entry = `${operation.region}\u0000${operation.key}`;
    const exists = live.get(entry) ?? (await region.get(operation.key)) !== undefined;
    if (operation.op === 'destroy' && !exists) {
      throw new EngineError(
        'WAN_ERR_BAD_REQUEST',
        `operations[${index}] destroys "${operation.key}" in region "${operation.region}", which has no entry there`,
        'nothing was applied; remove the destroy or put the entry first',
      );
    }
    live.set(entry, operation.op === 'put');
  }
}
