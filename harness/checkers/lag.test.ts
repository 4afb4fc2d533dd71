import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lag } from './lag.js';
import { HistoryBuilder } from './testing/history-builder.js';

test('lag measures write-to-remote-apply and the time to converge', () => {
  const h = new HistoryBuilder();
  for (let i = 0; i < 10; i++) {
    const w = h.advance(10).write('site1', `k${i}`);
    h.apply('site2', w, { appliedAtMs: h.nowMs + (i + 1) * 10 });
  }
  h.phase('healed').advance(700).phase('quiescent');
  const r = lag(h.build(), { name: 'lag' });
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.samples, 10);
  assert.equal(r.evidence.p50Ms, 50);
  assert.equal(r.evidence.p99Ms, 100);
  assert.equal(r.evidence.maxMs, 100);
  assert.equal(r.evidence.timeToConvergeMs, 700);
});

test('lag takes the clock offsets of both sites out', () => {
  const h = new HistoryBuilder();
  h.clock('site2', 5000);
  const w = h.advance(10).write('site1', 'k1');
  h.apply('site2', w, { appliedAtMs: h.nowMs + 5000 + 30 });
  assert.equal(lag(h.build(), { name: 'lag' }).evidence.maxMs, 30);
});

test('lag fails above the bound the experiment set', () => {
  const h = new HistoryBuilder();
  const w = h.write('site1', 'k1');
  h.apply('site2', w, { appliedAtMs: h.nowMs + 900 });
  const r = lag(h.build(), { name: 'lag', maxP99Ms: 500 });
  assert.equal(r.verdict, 'fail');
  assert.match(r.summary, /p99 900 ms > 500 ms/);
});

test('lag is unknown when nothing reached a remote site', () => {
  const h = new HistoryBuilder();
  h.write('site1', 'k1');
  assert.equal(lag(h.build(), { name: 'lag' }).verdict, 'unknown');
});
