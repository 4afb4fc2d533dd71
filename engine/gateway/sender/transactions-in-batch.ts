import type { RegionEvent } from '../../region/region-event.js';

/**
 * TX-3: a batch is sent with an incomplete transaction when it holds events of a transaction
 * but not that transaction's last event (the rest went, or will go, in another batch).
 */
export function hasIncompleteTransaction(events: readonly RegionEvent[]): boolean {
  let open: Set<string> | undefined;
  for (const event of events) {
    const tx = event.tx;
    if (!tx) continue;
    open ??= new Set();
    if (tx.last) open.delete(tx.id);
    else open.add(tx.id);
  }
  return open !== undefined && open.size > 0;
}
