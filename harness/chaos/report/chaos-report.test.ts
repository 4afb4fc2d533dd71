import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge } from '../../checkers/run-checkers.js';
import { HistoryBuilder, link } from '../../checkers/testing/history-builder.js';
import { chaosReport, chaosReportHtml } from './chaos-report.js';
import { timelineOf } from './timeline.js';
import { timelineSvg } from './timeline-svg.js';
import { ALL_FAULTS } from '../../checkers/relevance.js';
import { faultFill, faultKinds } from './fault-colors.js';
import { operationsSvg } from './operations-svg.js';

function history() {
  const h = new HistoryBuilder();
  h.phase('workload-start').sample({ 'site1-m1/to-site2': 0 });
  h.advance(1000).fault('link-down', link('site1', 'site2'), 2000);
  const writes = [h.write('site1', 'k1'), h.advance(500).write('site1', 'k2')];
  h.advance(500).sample({ 'site1-m1/to-site2': 2 });
  h.advance(1500).heal().advance(100);
  for (const w of writes) h.apply('site2', w);
  h.sample({ 'site1-m1/to-site2': 0 }).phase('healed').advance(200).phase('quiescent').finals();
  return h.build();
}

test('the timeline holds queue depth per sender, lag per site, fault windows and phases', () => {
  const t = timelineOf(history());
  assert.deepEqual(
    t.queues.map((q) => [q.sender, q.points.map((p) => p[1])]),
    [['site1-m1/to-site2', [0, 2, 0]]],
  );
  assert.deepEqual(
    t.lag.map((l) => [l.site, l.points.map((p) => p[1])]),
    [['site2', [2600, 2100]]],
  );
  assert.deepEqual(
    t.faults.map((f) => [f.kind, f.target, f.fromMs, f.toMs, f.healed]),
    [['link-down', 'site1->site2', 1000, 3000, true]],
  );
  assert.equal(t.phases.quiescent! - t.phases.healed!, 200);
});

test('the SVG shades each fault window and draws one line per sender', () => {
  const svg = timelineSvg(timelineOf(history()));
  assert.match(svg, /^<svg /);
  assert.equal((svg.match(/<polyline /g) ?? []).length, 1);
  assert.match(
    svg,
    /<rect [^>]*><title>#1 link-down site1-&gt;site2: 1\.0–3\.0 s<\/title><\/rect>/,
  );
  assert.equal((svg.match(/<circle /g) ?? []).length, 2, 'one dot per remote apply');
});

test('report.html and report.json carry the same verdicts and the timeline', () => {
  const h = history();
  const report = chaosReport(h, judge(h, [{ name: 'convergence' }, { name: 'lag' }]));
  assert.deepEqual(
    report.results.map((r) => [r.checker, r.verdict]),
    [
      ['convergence', 'pass'],
      ['lag', 'pass'],
    ],
  );
  assert.equal(report.operations.ok, 2);
  const html = chaosReportHtml(report);
  assert.match(
    html,
    /<td><a href="#evidence-convergence">convergence<\/a><\/td><td style="color:#2e7d32;font-weight:bold">pass<\/td>/,
  );
  assert.match(html, /wanlab chaos hand-made --seed 1/);
  assert.ok(html.includes(timelineSvg(report.timeline)));
});

test('the timeline counts operations per second by outcome and their latency per second', () => {
  const h = new HistoryBuilder();
  h.phase('workload-start').sample({ 'site1-m1/to-site2': 0 });
  h.write('site1', 'a');
  h.advance(200).write('site1', 'b', { outcome: 'fail' });
  h.advance(1000).write('site1', 'c', { outcome: 'unknown' });
  h.write('site1', 'd');
  h.advance(100).phase('healed').phase('quiescent').finals();
  const history = h.build();
  // made-up latencies: 40, 10 ms (second 0, 'a' and 'b'); 'd' 90 ms (second 1)
  const latencies = new Map([
    [1, 40],
    [2, 10],
    [4, 90],
  ]);
  for (const op of history.ops) {
    const ms = latencies.get(op.op);
    if (ms !== undefined && op.completeWallMs !== undefined)
      op.invokeWallMs = op.completeWallMs - ms;
  }
  const t = timelineOf(history);
  assert.deepEqual(t.throughput, [
    { second: 0, ok: 1, fail: 1, unknown: 0 },
    { second: 1, ok: 1, fail: 0, unknown: 1 },
  ]);
  assert.deepEqual(t.latency, [
    { second: 0, count: 2, p50Ms: 40, p99Ms: 40, maxMs: 40 },
    { second: 1, count: 1, p50Ms: 90, p99Ms: 90, maxMs: 90 },
  ]);
});

test('report.html has the throughput and latency panel, a fault legend and checker links', () => {
  const h = history();
  const report = chaosReport(h, judge(h, [{ name: 'convergence' }, { name: 'lag' }]));
  const html = chaosReportHtml(report);
  const timelineAt = html.indexOf('<h2>Timeline</h2>');
  const panelAt = html.indexOf('<h2>Throughput and latency</h2>');
  assert.ok(
    timelineAt > 0 && panelAt > timelineAt,
    'the panel comes under the queue and lag charts',
  );
  assert.ok(html.includes(operationsSvg(report.timeline)));
  assert.match(html, /<svg [^>]*class="operations"/);
  assert.match(html, /operations per second/);
  assert.match(html, /operation latency \(ms\)/);
  assert.match(html, /<rect class="ops-ok" [^>]*><title>1–2 s: 2 ok<\/title>/);
  assert.match(
    html,
    /<p class="fault-legend">faults: <span class="swatch" style="background:#fdd0a2"><\/span>link-down<\/p>/,
  );
  for (const checker of ['convergence', 'lag']) {
    assert.match(html, new RegExp(`<td><a href="#evidence-${checker}">${checker}</a></td>`));
    assert.match(html, new RegExp(`<details id="evidence-${checker}"`));
  }
});

test('every fault kind has its own colour', () => {
  const fills = ALL_FAULTS.map(faultFill);
  assert.equal(new Set(fills).size, ALL_FAULTS.length);
  assert.equal(faultFill('made-up-kind'), '#dddddd');
  assert.deepEqual(faultKinds([{ kind: 'b' }, { kind: 'a' }, { kind: 'b' }]), ['b', 'a']);
});
