import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge } from '../../checkers/run-checkers.js';
import { HistoryBuilder, link } from '../../checkers/testing/history-builder.js';
import { chaosReport, chaosReportHtml } from './chaos-report.js';
import { timelineOf } from './timeline.js';
import { timelineSvg } from './timeline-svg.js';

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
  assert.match(html, /<td>convergence<\/td><td style="color:#2e7d32;font-weight:bold">pass<\/td>/);
  assert.match(html, /wanlab chaos hand-made --seed 1/);
  assert.ok(html.includes(timelineSvg(report.timeline)));
});
