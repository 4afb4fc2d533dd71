import { summaryLine } from '../conformance.js';
import type { ConformanceMatrix, MatrixCell, MatrixRow } from './engine-matrix.js';
import { DIVERGENCES_URL } from './render-matrix-markdown.js';

/** reports/matrix.html: one self-contained page, no scripts. */
export function renderMatrixHtml(matrix: ConformanceMatrix): string {
  const names = matrix.engines.map((e) => e.driver);
  const title = `WAN conformance matrix: ${names.join(' vs ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<ul>${matrix.engines
    .map(
      (e) =>
        `<li><b>${esc(e.driver)}</b> (${esc(e.label)}): ${esc(summaryLine(e.summary))}; <a href="${esc(e.reportDir)}/conformance.html">report</a>, root seed <code>${esc(e.seed)}</code></li>`,
    )
    .join('')}</ul>
<p class="summary">${matrix.disagreements} disagreement(s)${
    matrix.unexplained.length > 0
      ? `; not explained in <a href="${DIVERGENCES_URL}">divergences.md</a>: ${esc(matrix.unexplained.join(', '))}`
      : ''
  }. Generated ${esc(matrix.generatedAt)}.</p>
<table>
<thead><tr><th>clause</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}<th>statement</th><th>divergence</th></tr></thead>
<tbody>
${matrix.rows.map(row).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

function row(r: MatrixRow): string {
  const divergence = r.divergence
    ? `<a href="${DIVERGENCES_URL}#${esc(r.divergence)}">entry</a>`
    : r.agreement === 'disagree'
      ? '<b>none yet</b>'
      : '';
  return `<tr id="${esc(r.clause.id)}" class="${r.agreement}"><td>${esc(r.clause.id)}</td>${r.cells.map(cell).join('')}<td>${esc(r.clause.statement)}</td><td>${divergence}</td></tr>`;
}

function cell(c: MatrixCell): string {
  const badge = `<span class="verdict ${c.verdict === 'n/a' ? 'na' : c.verdict}">${esc(c.verdict)}</span>`;
  const linked = c.evidence ? `<a href="${esc(c.evidence)}">${badge}</a>` : badge;
  const reason = c.reason ? `<br><small>${esc(c.reason)}</small>` : '';
  return `<td>${linked}${reason}</td>`;
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:90em;padding:0 1em;color:#222}
h1{font-size:1.6em}.summary{font-size:1.1em;font-weight:600}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em .5em;text-align:left;vertical-align:top}
tr.disagree{background:#fff3e0}td:first-child{white-space:nowrap;font-weight:600}
.verdict{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;color:#fff}
.pass{background:#2e7d32}.fail{background:#c62828}.unknown{background:#ef6c00}.uncovered{background:#757575}.na{background:#5c6bc0}
small{color:#666}
`;
