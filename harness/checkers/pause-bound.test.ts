import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pauseBound } from './pause-bound.js';
import { HistoryBuilder, senderTarget } from './testing/history-builder.js';

const setting = { name: 'pause-bound' as const };

function pausedWith(appliedDuringPause: number): HistoryBuilder {
  const h = new HistoryBuilder({ batchSize: 3 });
  h.fault('sender-pause', senderTarget('site1', 'to-site2'), 1000);
  const writes = Array.from({ length: 6 }, (_, i) => h.advance(10).write('site1', `k${i}`));
  writes.slice(0, appliedDuringPause).forEach((w) => h.advance(10).apply('site2', w));
  h.advance(1000).heal().advance(10);
  writes.slice(appliedDuringPause).forEach((w) => h.apply('site2', w));
  return h;
}

test('at most one batch applied while paused passes (PAUSE-4)', () => {
  const r = pauseBound(pausedWith(3).build(), setting);
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(
    (r.evidence.pauses as Array<{ appliedWhilePaused: number }>)[0]!.appliedWhilePaused,
    3,
  );
});

test('more than one batch applied while paused fails', () => {
  const r = pauseBound(pausedWith(4).build(), setting);
  assert.equal(r.verdict, 'fail');
  assert.match(r.summary, /4 > 3/);
});

test('pause-bound is unknown when nothing was written during a pause', () => {
  const h = new HistoryBuilder();
  h.fault('sender-pause', senderTarget('site1', 'to-site2'), 100);
  h.advance(500).heal();
  h.apply('site2', h.write('site1', 'k1'));
  assert.equal(pauseBound(h.build(), setting).verdict, 'unknown');
});
