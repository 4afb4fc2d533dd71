import { summaryLine, type ClauseVerdict, type ScenarioEvidence } from './conformance.js';
import { CAPABILITY_NAMES } from '../../contract/index.js';
import {
  byFamily,
  capabilitiesLabel,
  engineLabel,
  type ConformanceReport,
} from './conformance-report.js';
import { chaosLinksHtml, esc, OVERVIEW_STYLE, overviewHtml } from './overview-html.js';
import { suitePowerHtml } from './suite-power.js';
import { verdictChangesHtml } from './verdict-changes.js';
import { clauseLink, cucumberReports, scenarioLink, shardNote } from './evidence-links.js';

/** reports/conformance.html: one self-contained page, no scripts. */
export function renderHtml(report: ConformanceReport): string {
  const { summary } = report;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>WAN conformance of ${esc(engineLabel(report))}</title>
<style>${STYLE}${OVERVIEW_STYLE}</style>
</head>
<body>
<h1>WAN conformance of ${esc(engineLabel(report))}</h1>
<p class="summary">${esc(summaryLine(summary))}</p>${report.shard ? `\n<p class="shard"><em>${esc(shardNote(report.shard))}</em></p>` : ''}
<p class="bar">${bar('pass', summary.pass, summary.clauses)}${bar('fail', summary.fail, summary.clauses)}${bar('unknown', summary.unknown, summary.clauses)}${bar('uncovered', summary.uncovered, summary.clauses)}${bar('na', summary.notApplicable, summary.clauses, 'n/a')}</p>
<p>Engine <b>${esc(engineLabel(report))}</b>, as its members reported on <code>GET /health</code>; driver ${esc(report.driver.name)} ${esc(report.driver.version)}, capabilities: ${esc(capabilitiesLabel(report, CAPABILITY_NAMES))}; runtime ${esc(report.runtime)}.
Generated ${esc(report.generatedAt)}, root seed <code>${esc(report.seed)}</code> (repeat with <code>WANLAB_SEED=${esc(report.seed)}</code>).
Evidence: ${cucumberReports(report)
    .map(([label, href]) => `<a href="${esc(href)}">${esc(label)}</a>`)
    .join(
      ', ',
    )}. Machine-readable: <a href="conformance.json">conformance.json</a>, <a href="conformance-junit.xml">conformance-junit.xml</a>.</p>
${verdictChangesHtml(report.changes)}
${overviewHtml(report)}
${suitePowerHtml(report.suitePower)}
${byFamily(report)
  .map(([family, verdicts]) => familyTable(report.families[family] ?? family, family, verdicts))
  .join('\n')}
</body>
</html>
`;
}

function bar(css: string, count: number, total: number, label = css): string {
  if (count === 0 || total === 0) return '';
  return `<span class="${css}" style="width:${((100 * count) / total).toFixed(2)}%">${count} ${label}</span>`;
}

/** `n/a` is no CSS class name. */
function cssOf(status: string): string {
  return status === 'n/a' ? 'na' : status;
}

function familyTable(title: string, family: string, verdicts: ClauseVerdict[]): string {
  const passing = verdicts.filter((v) => v.verdict === 'pass').length;
  return `<h2 id="${esc(family)}">${esc(family)}: ${esc(title)} <small>${passing} of ${verdicts.length} pass</small></h2>
<table>
<thead><tr><th>clause</th><th>verdict</th><th>statement</th><th>scenarios</th></tr></thead>
<tbody>
${verdicts.map(row).join('\n')}
</tbody>
</table>`;
}

function row(verdict: ClauseVerdict): string {
  const { id, statement, sources } = verdict.clause;
  const idCell =
    verdict.scenarios.length > 0
      ? `<a href="${esc(clauseLink(id, verdict.scenarios))}">${esc(id)}</a>`
      : esc(id);
  const scenarios =
    verdict.scenarios.map(scenarioItem).join('') || '<li class="none">no scenario</li>';
  return `<tr id="${esc(id)}"><td>${idCell}</td><td><span class="verdict ${cssOf(verdict.verdict)}">${verdict.verdict}</span></td><td>${esc(statement)} <small>(${esc(sources.join(', '))})</small></td><td><ul>${scenarios}</ul></td></tr>`;
}

function scenarioItem(scenario: ScenarioEvidence): string {
  const message = scenario.message
    ? `<details><summary>why</summary><pre>${esc(scenario.message)}</pre></details>`
    : '';
  return `<li><span class="status ${esc(scenario.status)}">${esc(scenario.status)}</span> <a href="${esc(scenarioLink(scenario))}">${esc(scenario.name)}</a> <small>${esc(scenario.uri)}:${scenario.line}, ${(scenario.durationMs / 1000).toFixed(1)} s</small>${chaosLinksHtml(scenario.chaos)}${message}</li>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:78em;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{font-size:1.2em;margin-top:2em}h2 small{font-weight:normal;color:#666}
.summary{font-size:1.2em;font-weight:600}
.bar{display:flex;height:1.6em;border-radius:4px;overflow:hidden;margin:.5em 0 1em}
.bar span{color:#fff;font-size:.85em;padding:.2em .5em;white-space:nowrap;overflow:hidden}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4em .5em;text-align:left;vertical-align:top}
td:first-child{white-space:nowrap;font-weight:600}ul{margin:0;padding-left:1em}li.none{color:#888;list-style:none;margin-left:-1em}
.verdict,.status{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.85em;color:#fff}
.pass,.passed{background:#2e7d32}.fail,.failed,.undefined,.ambiguous{background:#c62828}
.unknown,.skipped,.pending,.not-run{background:#ef6c00}.uncovered{background:#757575}
.na,.not-applicable{background:#5c6bc0}
pre{white-space:pre-wrap;font-size:.85em;background:#f6f6f6;padding:.5em}small{color:#666}
`;
