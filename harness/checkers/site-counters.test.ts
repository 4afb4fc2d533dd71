import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conflicts } from './conflicts.js';
import { convergence } from './convergence.js';
import { noLoss } from './no-loss.js';
import { HistoryBuilder, link } from './testing/history-builder.js';

/**
 * Histories as Geode makes them: a receiving site stores a change under its own next entry
 * counter (AbstractRegionEntry.generateVersionTag keeps the gateway tag's timestamp and site
 * id only), so a key written at both sites ends with one timestamp and site id everywhere but
 * another entry counter at each site.
 */
function contestedWithSiteCounters(): HistoryBuilder {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  // site2's older write reaches site1 after site1's own: the WAN rule discards it there.
  h.write('site2', 'k1', { value: 'from-2' });
  const first = h.advance(5).write('site1', 'k1', { value: 'one' });
  const second = h.advance(5).write('site1', 'k1', { value: 'two' });
  h.apply('site2', first, { restamp: true }).apply('site2', second, { restamp: true });
  return h.phase('quiescent').finals();
}

test('the builder gives the same change another entry counter at each site, as Geode does', () => {
  const history = contestedWithSiteCounters().build();
  const versions = history.finals.map((f) => f.entries.find((e) => e.key === 'k1')!.version);
  assert.equal(versions.length, 2);
  assert.equal(versions[0]!.timestamp, versions[1]!.timestamp);
  assert.notEqual(versions[0]!.entryVersion, versions[1]!.entryVersion);
});

test('convergence compares timestamp and site id across sites, not the entry counter', () => {
  const r = convergence(contestedWithSiteCounters().build(), { name: 'convergence' });
  assert.equal(r.verdict, 'pass', r.summary);
});

test('convergence still fails when the sites hold other values under one timestamp and site', () => {
  const h = new HistoryBuilder();
  const w = h.write('site1', 'k1', { value: 'a', timestamp: 77 });
  h.apply('site2', w, { restamp: true });
  h.phase('quiescent').finals({
    site2: [{ key: 'k1', value: 'b', version: { ...w.version, member: 'site2-m1-u1' } }],
  });
  assert.equal(convergence(h.build(), { name: 'convergence' }).verdict, 'fail');
});

test('no-loss finds a write present at a site that stored it under its own counter', () => {
  const r = noLoss(contestedWithSiteCounters().build(), { name: 'no-loss' });
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.lost, 0);
});

test('conflicts finds the WAN rule winner at every site whatever its entry counter', () => {
  const r = conflicts(contestedWithSiteCounters().build(), { name: 'conflicts' });
  assert.equal(r.verdict, 'pass', r.summary);
  assert.equal(r.evidence.contestedKeys, 1);
});

test('at one site the entry counter still orders two changes of one timestamp', () => {
  const h = new HistoryBuilder().fault('latency', link('site1', 'site2'), 1000);
  const first = h.write('site1', 'k1', { value: 'one', timestamp: 50 });
  h.write('site1', 'k1', { value: 'two', timestamp: 50 });
  h.apply('site2', first);
  h.phase('quiescent').finals();
  const r = convergence(h.build(), { name: 'convergence' });
  assert.equal(r.verdict, 'fail', 'site2 kept the first of two same-timestamp changes');
});
