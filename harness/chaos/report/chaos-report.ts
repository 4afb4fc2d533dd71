import type { RunVerdict } from '../../checkers/run-checkers.js';
import type { History } from '../../history/history.js';
import { timelineOf, type Timeline } from './timeline.js';
import { escapeXml, timelineSvg } from './timeline-svg.js';
import { faultFill, faultKinds } from './fault-colors.js';
import { operationsSvg } from './operations-svg.js';

/** report.json: the verdicts and the data of the chart, for machines. */
export interface ChaosReport {
  experiment: string;
  topology: string;
  seed: number;
  verdict: RunVerdict['verdict'];
  results: RunVerdict['results'];
  harnessErrors: string[];
  schedule: History['run']['schedule'];
  operations: { total: number; ok: number; fail: number; unknown: number };
  timeline: Timeline;
}

export function chaosReport(history: History, verdict: RunVerdict): ChaosReport {
  const count = (outcome: string): number =>
    history.ops.filter((o) => o.outcome === outcome).length;
  return {
    experiment: history.run.experiment,
    topology: history.run.topology,
    seed: history.run.seed,
    verdict: verdict.verdict,
    results: verdict.results,
    harnessErrors: verdict.harnessErrors,
    schedule: history.run.schedule,
    operations: {
      total: history.ops.length,
      ok: count('ok'),
      fail: count('fail'),
      unknown: count('unknown'),
    },
    timeline: timelineOf(history),
  };
}

const VERDICT_COLOR = {
  pass: '#2e7d32',
  fail: '#c62828',
  unknown: '#ef6c00',
  'n/a': '#5c6bc0',
} as const;

/** The anchor of a checker's evidence, which its row in the verdict table links to. */
function evidenceId(checker: string): string {
  return `evidence-${checker.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function swatch(kind: string): string {
  return `<span class="swatch" style="background:${faultFill(kind)}"></span>`;
}

/** The colour of each fault kind of the run, as the charts shade its windows. */
function faultLegend(timeline: ChaosReport['timeline']): string {
  const kinds = faultKinds(timeline.faults);
  if (kinds.length === 0) return '<p class="fault-legend">no fault struck</p>';
  return `<p class="fault-legend">faults: ${kinds.map((k) => `${swatch(k)}${escapeXml(k)}`).join(' ')}</p>`;
}

/** report.html: one self-contained page (no scripts, no external files). */
export function chaosReportHtml(report: ChaosReport): string {
  const rows = report.results
    .map(
      (r) =>
        `<tr><td><a href="#${evidenceId(r.checker)}">${escapeXml(r.checker)}</a></td><td style="color:${VERDICT_COLOR[r.verdict]};font-weight:bold">${r.verdict}</td><td>${escapeXml(r.summary)}</td></tr>`,
    )
    .join('\n');
  const faults = report.timeline.faults
    .map((f) => {
      const planned = report.schedule.find((p) => p.id === f.id);
      return `<tr><td>#${f.id}</td><td>${swatch(f.kind)}${escapeXml(f.kind)}</td><td>${escapeXml(f.target)}</td><td>${(f.fromMs / 1000).toFixed(2)}</td><td>${(f.toMs / 1000).toFixed(2)}</td><td>${escapeXml(JSON.stringify(planned?.params ?? {}))}${planned?.stream ? ` ${planned.stream}` : ''}</td><td>${f.healed ? 'healed' : 'NOT healed'}</td></tr>`;
    })
    .join('\n');
  const evidence = report.results
    .map(
      (r) =>
        `<details id="${evidenceId(r.checker)}"${r.verdict === 'pass' ? '' : ' open'}><summary>${escapeXml(r.checker)}: evidence</summary><pre>${escapeXml(JSON.stringify(r.evidence, null, 2))}</pre></details>`,
    )
    .join('\n');
  const errors = report.harnessErrors.length
    ? `<h2>Harness errors</h2><ul>${report.harnessErrors.map((e) => `<li>${escapeXml(e)}</li>`).join('')}</ul>`
    : '';
  const ops = report.operations;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wanlab chaos: ${escapeXml(report.experiment)} seed ${report.seed}</title>
<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}pre{background:#f8f8f8;padding:8px;overflow:auto;max-height:400px}.swatch{display:inline-block;width:10px;height:10px;margin:0 4px 0 8px;border:1px solid #999}</style>
</head><body>
<h1>${escapeXml(report.experiment)} <span style="color:${VERDICT_COLOR[report.verdict]}">${report.verdict.toUpperCase()}</span></h1>
<p>topology <b>${escapeXml(report.topology)}</b> · seed <b>${report.seed}</b> (repeat with <code>wanlab chaos ${escapeXml(report.experiment)} --seed ${report.seed}</code>) · ${ops.total} operations: ${ops.ok} ok, ${ops.fail} fail, ${ops.unknown} unknown</p>
<table><tr><th>checker</th><th>verdict</th><th>why</th></tr>
${rows}
</table>
${errors}
<h2>Timeline</h2>
${timelineSvg(report.timeline)}
${faultLegend(report.timeline)}
<h2>Throughput and latency</h2>
${operationsSvg(report.timeline)}
<h2>Faults</h2>
<table><tr><th>id</th><th>kind</th><th>target</th><th>from (s)</th><th>to (s)</th><th>parameters</th><th>heal</th></tr>
${faults}
</table>
<h2>Evidence</h2>
${evidence}
</body></html>
`;
}
