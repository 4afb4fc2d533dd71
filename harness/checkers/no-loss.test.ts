import assert from 'node:assert/strict';
import { test } from 'node:test';
import { noLoss } from './no-loss.js';
import { HistoryBuilder, link, senderTarget } from './testing/history-builder.js';

const setting = { name: 'no-loss' as const };

function underLinkFault(): HistoryBuilder {
  return new HistoryBuilder().fault('link-down', link('site1', 'site2'), 1000);
}

test('no-loss passes when every acknowledged write reached every site', () => {
  const h = underLinkFault();
  const a = h.write('site1', 'k1');
  const b = h.advance(10).write('site1', 'k2');
  h.advance(2000).heal().apply('site2', a).apply('site2', b).finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.acknowledgedWrites, 2);
});

test('no-loss fails when an acknowledged write never reaches a remote site', () => {
  const h = underLinkFault();
  const a = h.write('site1', 'k1');
  h.advance(10).write('site1', 'k2');
  h.advance(2000).heal().apply('site2', a).finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.equal(r.evidence.lost, 1);
  assert.equal(r.evidence.undelivered, 1);
  assert.match(JSON.stringify(r.evidence.lostExamples), /"key":"k2".*"site":"site2"/);
});

test('a write replaced by a later write of the same key is superseded, not lost', () => {
  const h = underLinkFault();
  const first = h.write('site1', 'k1');
  const second = h.advance(10).write('site1', 'k1');
  h.apply('site2', first).apply('site2', second).finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.superseded, 2, 'the first write is superseded at both sites');
});

test('an event lost in transit is caught even when a later write covers it up', () => {
  const h = underLinkFault();
  h.write('site1', 'k1');
  const second = h.advance(10).write('site1', 'k1');
  h.apply('site2', second).finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.equal(r.evidence.lost, 0);
  assert.equal(r.evidence.undelivered, 1);
});

test('a write discarded because the remote site held a newer version from elsewhere is fine', () => {
  const h = underLinkFault();
  const mine = h.write('site1', 'k1');
  const theirs = h.advance(10).write('site2', 'k1');
  h.apply('site1', theirs).finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  void mine;
});

test('a put replaced by a later destroy is superseded', () => {
  const h = underLinkFault();
  const put = h.write('site1', 'k1');
  const destroy = h.advance(10).write('site1', 'k1', { f: 'destroy' });
  h.apply('site2', put).apply('site2', destroy).finals();
  assert.equal(noLoss(h.build(), setting).verdict, 'pass');
});

test('a site that still holds an older version has lost the newer write', () => {
  const h = underLinkFault();
  const old = h.write('site1', 'k1');
  const newer = h.advance(10).write('site1', 'k1');
  h.apply('site2', old).apply('site2', newer);
  h.finals({ site2: [{ key: 'k1', value: old.value, version: old.version }] });
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.equal(r.evidence.lost, 1);
});

test('writes dropped by a stopped sender are documented losses (STOP-4), not failures', () => {
  const h = new HistoryBuilder();
  h.sample({ 'site1-m1/to-site2': 0 });
  h.advance(10).fault('sender-stop', senderTarget('site1', 'to-site2'), 500);
  h.write('site1', 'k1');
  h.advance(1000).heal().finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.documentedLosses, 2, 'missing at the end, and never applied');
});

test('the same loss outside the stop window is a failure', () => {
  const h = new HistoryBuilder();
  h.fault('sender-stop', senderTarget('site1', 'to-site2'), 500);
  h.advance(1000).heal();
  h.write('site1', 'k1');
  h.finals();
  assert.equal(noLoss(h.build(), setting).verdict, 'fail');
});

test('no-loss is unknown when no fault touched the run', () => {
  const h = new HistoryBuilder();
  const a = h.write('site1', 'k1');
  h.apply('site2', a).finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'unknown');
  assert.match(r.summary, /no fault touched/);
});

test('a fault on the link carrying nothing does not count as touching the run', () => {
  const h = new HistoryBuilder().fault('link-down', link('site2', 'site1'), 1000);
  const a = h.write('site1', 'k1');
  h.apply('site2', a).finals();
  assert.equal(noLoss(h.build(), setting).verdict, 'unknown');
});

test("with receipts, a write that arrived but was discarded was delivered (the rule is conflicts' business)", () => {
  const h = new HistoryBuilder({ receipts: true }).fault('link-down', link('site1', 'site2'), 1000);
  h.write('site1', 'k1');
  const first = h.records().filter((r) => r.type === 'ok').length;
  const a = h.write('site1', 'k2');
  const b = h.advance(10).write('site1', 'k2');
  h.apply('site2', b).discard('site2', a);
  h.apply('site2', h.write('site1', 'k3'));
  h.finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.evidence.undelivered, 1, 'only k1 never arrived');
  assert.equal(first, 1);
});

test('with receipts, a write that never arrived is lost even if a newer one from elsewhere came later', () => {
  const h = new HistoryBuilder({ receipts: true }).fault('link-down', link('site1', 'site2'), 1000);
  h.write('site1', 'k1');
  h.apply('site1', h.advance(10).write('site2', 'k1'));
  h.finals();
  const r = noLoss(h.build(), setting);
  assert.equal(r.verdict, 'fail', 'without receipts the same history passes: see the test above');
  assert.equal(r.evidence.undelivered, 1);
});
