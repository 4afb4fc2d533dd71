import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duplicates } from './duplicates.js';
import { HistoryBuilder, link } from './testing/history-builder.js';

const setting = { name: 'duplicates' as const };

test('a resent event applied again with the possibleDuplicate flag is allowed and counted', () => {
  const h = new HistoryBuilder().fault('reset-peer', link('site1', 'site2'), 1000);
  const a = h.write('site1', 'k1');
  h.apply('site2', a).apply('site2', a, { possibleDuplicate: true });
  const r = duplicates(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.duplicates, 1);
  assert.equal(r.evidence.flagged, 1);
});

test('an event applied twice without the flag fails', () => {
  const h = new HistoryBuilder().fault('reset-peer', link('site1', 'site2'), 1000);
  const a = h.write('site1', 'k1');
  h.apply('site2', a).apply('site2', a);
  const r = duplicates(h.build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.equal(r.evidence.unflagged, 1);
});

test('an event sent back to its origin and applied there again is a duplicate', () => {
  const h = new HistoryBuilder().fault('reset-peer', link('site1', 'site2'), 1000);
  const a = h.write('site1', 'k1');
  h.apply('site2', a).apply('site1', a);
  assert.equal(duplicates(h.build(), setting).verdict, 'fail');
});

test('duplicates is unknown when no connection-breaking fault touched the run', () => {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  h.apply('site2', h.write('site1', 'k1'));
  const r = duplicates(h.build(), setting);
  assert.equal(r.verdict, 'unknown');
});
