import type { RegionEvent } from '../../region/region-event.js';
import { estimateEventBytes } from '../queue/event-size.js';
import { hasIncompleteTransaction } from './transactions-in-batch.js';

/**
 * The prefix of a peeked batch that a sender sends: events while they weigh at most
 * `maxBytes` together (estimateEventBytes), at least one; with `keepTransactionsWhole`, the
 * cut moves on to the end of a transaction it would split. The rest stays queued for the
 * next batch (batches are prefixes of the queue, so acks and removal are unchanged).
 */
export function withinBatchBytes(
  batch: readonly RegionEvent[],
  maxBytes: number,
  keepTransactionsWhole: boolean,
): RegionEvent[] {
  let bytes = 0;
  let cut = 0;
  while (cut < batch.length) {
    bytes += estimateEventBytes(batch[cut]!);
    if (cut > 0 && bytes > maxBytes) break;
    cut += 1;
  }
  if (keepTransactionsWhole) {
    while (cut < batch.length && hasIncompleteTransaction(batch.slice(0, cut))) cut += 1;
  }
  return batch.slice(0, cut);
}
