import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionEvent } from '../../region/region-event.js';
import { ReceiptLog } from './receipt-log.js';

const event = (key: string): RegionEvent => ({
  region: 'data',
  key,
  op: 'create',
  value: 'v',
  version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
  id: { member: 'm', thread: 0, seq: 0 },
  originDsid: 1,
  recipients: [2],
  possibleDuplicate: false,
  createdAtMs: 1,
});

test('receipts are read after a sequence number, discarded ones included', () => {
  const log = new ReceiptLog(10);
  log.record(event('a'), 1, 'applied', 100);
  log.record(event('b'), 1, 'discarded', 101);
  const page = log.read(1, 10);
  assert.equal(page.lastSeq, 2);
  assert.deepEqual(
    page.receipts.map((r) => [r.seq, r.event.key, r.outcome]),
    [[2, 'b', 'discarded']],
  );
});

test('a full log drops its oldest receipts and says how many', () => {
  const log = new ReceiptLog(4);
  for (let i = 0; i < 6; i++) log.record(event(`k${i}`), 1, 'applied', i);
  const page = log.read(0, 100);
  assert.equal(page.dropped, 2);
  assert.equal(page.receipts[0]!.seq, 3);
});
