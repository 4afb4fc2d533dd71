import type { ConformanceReport } from './conformance-report.js';
import { engineLabel } from './conformance-report.js';
import { chaosRunName } from './evidence-links.js';
import { familyVerdictCounts, notPassing, VERDICT_COLUMNS } from './report-overview.js';

export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const cssOf = (verdict: string): string => (verdict === 'n/a' ? 'na' : verdict);

function notPassingHtml(report: ConformanceReport): string {
  const failing = notPassing(report, engineLabel(report));
  if (failing.length === 0)
    return '<h2 id="not-passing">Not passing</h2>\n<p>Every clause passes.</p>';
  const rows = failing.map((f) => {
    const scenario = f.scenario
      ? `${f.link ? `<a href="${esc(f.link)}">${esc(f.scenario.name)}</a>` : esc(f.scenario.name)} <small>${esc(f.scenario.at)}</small>${chaosLinksHtml(f.chaos)}`
      : '—';
    return `<tr><td><a href="#${esc(f.clause)}">${esc(f.clause)}</a></td><td><span class="verdict ${cssOf(f.verdict)}">${esc(f.verdict)}</span></td><td>${esc(f.engine)}</td><td>${scenario}</td><td>${esc(f.reason)}</td></tr>`;
  });
  return `<h2 id="not-passing">Not passing <small>${failing.length}</small></h2>
<table class="not-passing">
<thead><tr><th>clause</th><th>verdict</th><th>engine</th><th>scenario</th><th>reason</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function countsHtml(report: ConformanceReport): string {
  const rows = familyVerdictCounts(report).map((row) => {
    const name =
      row.family === 'all' ? '<b>all</b>' : `<a href="#${esc(row.family)}">${esc(row.family)}</a>`;
    const cells = VERDICT_COLUMNS.map((v) => `<td class="num">${row.counts[v] || ''}</td>`).join(
      '',
    );
    return `<tr><td>${name}</td>${cells}</tr>`;
  });
  return `<h2 id="by-family">Clauses by family and verdict</h2>
<table class="counts">
<thead><tr><th>family</th>${VERDICT_COLUMNS.map((v) => `<th class="num"><span class="verdict ${cssOf(v)}">${esc(v)}</span></th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function legendHtml(report: ConformanceReport): string {
  return `<h2 id="sources">Sources</h2>
<p>The markers after each statement name the documents it comes from:</p>
<dl class="legend">${report.legend.map((l) => `<dt><code>${esc(l.marker)}</code></dt><dd>${esc(l.meaning)}</dd>`).join('')}</dl>`;
}

/** The top of conformance.html: what does not pass, the family × verdict counts, the legend. */
export function overviewHtml(report: ConformanceReport): string {
  return [notPassingHtml(report), countsHtml(report), legendHtml(report)].join('\n');
}

export const OVERVIEW_STYLE = `
.num{text-align:right}table.counts{width:auto}table.counts td,table.counts th{padding:.2em .8em}
dl.legend{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.legend dd{margin:0}
`;

/** ` chaos evidence: run, run`: the reports of the scenario's chaos experiments. */
export function chaosLinksHtml(reports: readonly string[] | undefined): string {
  if (!reports || reports.length === 0) return '';
  const links = reports.map((r) => `<a class="chaos" href="${esc(r)}">${esc(chaosRunName(r))}</a>`);
  return ` <small>chaos evidence: ${links.join(', ')}</small>`;
}
