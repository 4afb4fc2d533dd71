import assert from 'node:assert/strict';
import { test } from 'node:test';
import { order } from './order.js';
import { HistoryBuilder, link } from './testing/history-builder.js';

const setting = { name: 'order' as const };

test('order passes when a remote site applies one key in its origin order', () => {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  const w = [
    h.write('site1', 'k1'),
    h.advance(1).write('site1', 'k1'),
    h.advance(1).write('site1', 'k2'),
  ];
  for (const x of w) h.apply('site2', x);
  const r = order(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.compared, 3);
});

test('order fails when a later event of a key is applied before an earlier one', () => {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  const first = h.write('site1', 'k1');
  const second = h.advance(1).write('site1', 'k1');
  h.apply('site2', second).apply('site2', first);
  const r = order(h.build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.equal(r.evidence.reorders, 1);
});

test('events of different keys may interleave under the key policy', () => {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  const a = h.write('site1', 'k1');
  const b = h.advance(1).write('site1', 'k2');
  h.apply('site2', b).apply('site2', a);
  assert.equal(order(h.build(), setting).verdict, 'pass');
});

test('under the thread policy the same interleaving is a reorder', () => {
  const h = new HistoryBuilder({ orderPolicy: 'thread' }).fault(
    'latency',
    link('site1', 'site2'),
    1000,
  );
  const a = h.write('site1', 'k1');
  const b = h.advance(1).write('site1', 'k2');
  h.apply('site2', b).apply('site2', a);
  assert.equal(order(h.build(), setting).verdict, 'fail');
});

test('a duplicate delivery is not counted as a reorder', () => {
  const h = new HistoryBuilder().fault('link-down', link('site1', 'site2'), 1000);
  const a = h.write('site1', 'k1');
  const b = h.advance(1).write('site1', 'k1');
  h.apply('site2', a).apply('site2', b).apply('site2', a, { possibleDuplicate: true });
  assert.equal(order(h.build(), setting).verdict, 'pass');
});

test('order is unknown when no fault touched the run', () => {
  const h = new HistoryBuilder();
  h.apply('site2', h.write('site1', 'k1'));
  assert.equal(order(h.build(), setting).verdict, 'unknown');
});

test('with receipts, an older event discarded after a newer one is caught as a reorder', () => {
  const h = new HistoryBuilder({ receipts: true }).fault('latency', link('site1', 'site2'), 1000);
  const first = h.write('site1', 'k1');
  const second = h.advance(1).write('site1', 'k1');
  h.apply('site2', second).discard('site2', first);
  const r = order(h.build(), setting);
  assert.equal(r.verdict, 'fail', r.summary);
  assert.match(JSON.stringify(r.evidence.examples), /"member":"site2-m1"/);
});

test('without receipts the same discard is invisible to order (no-loss reports it instead)', () => {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  h.write('site1', 'k1');
  const second = h.advance(1).write('site1', 'k1');
  h.apply('site2', second);
  assert.equal(order(h.build(), setting).verdict, 'pass');
});
