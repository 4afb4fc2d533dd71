import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildHistory } from '../history/history.js';
import { conflicts } from './conflicts.js';
import { HistoryBuilder, senderTarget } from './testing/history-builder.js';

const setting = { name: 'conflicts' as const };

test('the later timestamp wins everywhere (CONS-4)', () => {
  const h = new HistoryBuilder();
  const early = h.write('site2', 'k1');
  const late = h.advance(5).write('site1', 'k1');
  h.apply('site1', early).apply('site2', late).finals();
  const r = conflicts(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.contestedKeys, 1);
});

test('on equal timestamps the higher distributed-system-id wins', () => {
  const h = new HistoryBuilder();
  const low = h.write('site1', 'k1', { timestamp: 5000 });
  const high = h.write('site2', 'k1', { timestamp: 5000 });
  h.apply('site2', low).apply('site1', high).finals();
  assert.equal(conflicts(h.build(), setting).verdict, 'pass');
  const wrong = new HistoryBuilder();
  const a = wrong.write('site1', 'k1', { timestamp: 5000 });
  const b = wrong.write('site2', 'k1', { timestamp: 5000 });
  wrong.apply('site2', a).apply('site1', b);
  wrong.finals({
    site1: [{ key: 'k1', value: a.value, version: a.version }],
    site2: [{ key: 'k1', value: a.value, version: a.version }],
  });
  const r = conflicts(wrong.build(), setting);
  assert.equal(r.verdict, 'fail', 'the lower id kept the entry');
  assert.equal(r.evidence.wrongWinners, 2);
});

test("a winning write counts even when its creator's applied log was lost to a kill", () => {
  const h = new HistoryBuilder();
  h.write('site1', 'k1');
  const put = h.advance(5).write('site2', 'k1');
  const destroy = h.advance(5).write('site1', 'k1', { f: 'destroy' });
  h.apply('site1', put).apply('site2', destroy).finals({ site1: [], site2: [] });
  // site1's member was SIGKILLed before the observer read its local destroy.
  const records = h
    .records()
    .filter(
      (r) =>
        !(
          r.type === 'applied' &&
          r.site === 'site1' &&
          r.source === 'local' &&
          r.event.op === 'destroy'
        ),
    );
  const r = conflicts(buildHistory(records), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.ok(destroy.version.timestamp > put.version.timestamp);
});

test('a site that keeps its own older write fails', () => {
  const h = new HistoryBuilder();
  const early = h.write('site1', 'k1');
  const late = h.advance(5).write('site2', 'k1');
  h.apply('site1', late);
  h.finals({ site1: [{ key: 'k1', value: early.value, version: early.version }] });
  const r = conflicts(h.build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.match(JSON.stringify(r.evidence.examples), /site1-m1/);
});

test('a skewed clock makes the real-time later write lose, and that is counted (CONS-5)', () => {
  const h = new HistoryBuilder();
  h.clock('site1', 60000);
  const skewed = h.write('site1', 'k1', { timestamp: h.nowMs + 60000 });
  const later = h.advance(100).write('site2', 'k1');
  h.apply('site2', skewed).apply('site1', later).finals();
  const r = conflicts(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.laterWriteLost, 1);
});

test('conflicts is unknown when no key was written at two sites', () => {
  const h = new HistoryBuilder();
  h.apply('site2', h.write('site1', 'k1')).finals();
  assert.equal(conflicts(h.build(), setting).verdict, 'unknown');
});

test("without skew a write made after another site's was acknowledged never loses to it", () => {
  const h = new HistoryBuilder();
  for (let i = 0; i < 5; i++) {
    h.apply('site2', h.advance(5).write('site1', 'k1'));
    h.apply('site1', h.advance(5).write('site2', 'k1'));
  }
  h.finals();
  const r = conflicts(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.laterWriteLost, 0);
});

test('a winning write lost on its way while a sender was stopped is documented (STOP-4), not a wrong winner', () => {
  const h = new HistoryBuilder();
  h.sample({ 'site2-m1/to-site1': 0 });
  const early = h.write('site1', 'k1');
  h.advance(10).fault('sender-stop', senderTarget('site2', 'to-site1'), 500);
  const late = h.write('site2', 'k1');
  h.advance(1000).heal();
  h.apply('site2', early);
  h.finals({
    site1: [{ key: 'k1', value: early.value, version: early.version }],
    site2: [{ key: 'k1', value: late.value, version: late.version }],
  });
  const r = conflicts(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.documentedWrongWinners, 1);
  const without = new HistoryBuilder();
  const a = without.write('site1', 'k1');
  const b = without.advance(10).write('site2', 'k1');
  without.apply('site2', a);
  without.finals({
    site1: [{ key: 'k1', value: a.value, version: a.version }],
    site2: [{ key: 'k1', value: b.value, version: b.version }],
  });
  assert.equal(conflicts(without.build(), setting).verdict, 'fail', 'no stop: a wrong winner');
});
