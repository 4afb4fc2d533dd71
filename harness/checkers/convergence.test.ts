import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convergence } from './convergence.js';
import { HistoryBuilder, senderTarget } from './testing/history-builder.js';

test('convergence passes when every site holds the same entries and versions', () => {
  const h = new HistoryBuilder();
  const a = h.write('site1', 'k1');
  const b = h.advance(5).write('site2', 'k2');
  h.apply('site2', a).apply('site1', b).phase('quiescent').finals();
  const r = convergence(h.build(), { name: 'convergence' });
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.entries, 2);
});

test('convergence fails and names the key when a site misses an entry', () => {
  const h = new HistoryBuilder();
  const a = h.write('site1', 'k1');
  h.write('site1', 'k2');
  h.apply('site2', a).finals();
  const r = convergence(h.build(), { name: 'convergence' });
  assert.equal(r.verdict, 'fail');
  assert.equal(r.evidence.differences, 1);
  assert.deepEqual((r.evidence.examples as Array<{ key: string; found: string }>)[0], {
    key: 'k2',
    member: 'site2-m1',
    expected: (r.evidence.examples as Array<{ expected: string }>)[0]!.expected,
    found: '(absent)',
  });
});

test('convergence fails when the values agree but the versions differ', () => {
  const h = new HistoryBuilder();
  h.write('site1', 'k1', { value: 'same' });
  h.write('site2', 'k1', { value: 'same' });
  h.finals();
  assert.equal(convergence(h.build(), { name: 'convergence' }).verdict, 'fail');
});

test('convergence is unknown without an acknowledged write', () => {
  const h = new HistoryBuilder();
  h.write('site1', 'k1', { outcome: 'unknown' });
  h.finals();
  assert.equal(convergence(h.build(), { name: 'convergence' }).verdict, 'unknown');
});

test('a difference left by a stopped sender is documented (STOP-4), not a failure', () => {
  const h = new HistoryBuilder();
  h.sample({ 'site1-m1/to-site2': 0 });
  h.advance(10).fault('sender-stop', senderTarget('site1', 'to-site2'), 500);
  h.write('site1', 'k1');
  h.advance(1000).heal();
  h.apply('site1', h.write('site2', 'k2'));
  h.finals();
  const r = convergence(h.build(), { name: 'convergence' });
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.documentedDifferences, 1);
  assert.match(r.summary, /1 differences left by a stopped sender/);
});
