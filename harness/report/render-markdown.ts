import { summaryLine, type ClauseVerdict } from './conformance.js';
import { CAPABILITY_NAMES } from '../../contract/index.js';
import {
  byFamily,
  capabilitiesLabel,
  engineLabel,
  type ConformanceReport,
} from './conformance-report.js';
import { chaosLinksMarkdown, overviewMarkdown } from './overview-markdown.js';
import { suitePowerMarkdown } from './suite-power.js';
import { verdictChangesMarkdown } from './verdict-changes.js';
import { clauseLink, cucumberReports, scenarioLink, shardNote } from './evidence-links.js';

/** reports/conformance.md: the summary, then one table per family, one row per clause. */
export function renderMarkdown(report: ConformanceReport): string {
  const uncovered = report.clauses.filter((c) => c.verdict === 'uncovered');
  const notApplicable = report.clauses.filter((c) => c.verdict === 'n/a');
  return [
    `# WAN conformance of ${engineLabel(report)}`,
    '',
    `**${summaryLine(report.summary)}**`,
    '',
    ...(report.shard ? [`_${shardNote(report.shard)}_`, ''] : []),
    `Engine ${engineLabel(report)}, as its members reported on \`GET /health\`; driver ${report.driver.name} ${report.driver.version}, ` +
      `capabilities: ${capabilitiesLabel(report, CAPABILITY_NAMES)}; runtime ${report.runtime}. ` +
      `Generated ${report.generatedAt}, root seed ${report.seed} (repeat with \`WANLAB_SEED=${report.seed}\`). ` +
      `Evidence: ${cucumberReports(report)
        .map(([label, href]) => `[${label}](${href})`)
        .join(', ')}; JUnit per clause: \`conformance-junit.xml\`.`,
    '',
    ...verdictChangesMarkdown(report.changes),
    ...overviewMarkdown(report),
    ...suitePowerMarkdown(report.suitePower),
    ...byFamily(report).flatMap(([family, verdicts]) => familySection(report, family, verdicts)),
    ...(uncovered.length > 0
      ? ['## Uncovered', '', uncovered.map((c) => c.clause.id).join(', '), '']
      : []),
    ...(notApplicable.length > 0
      ? [
          `## Not applicable on ${report.driver.name}`,
          '',
          'Neither pass nor fail: every scenario of these clauses needs a capability the engine lacks.',
          '',
          ...notApplicable.map(
            (c) =>
              `- ${c.clause.id}: ${[...new Set(c.scenarios.map((s) => s.message))].join('; ')}`,
          ),
          '',
        ]
      : []),
  ].join('\n');
}

function familySection(
  report: ConformanceReport,
  family: string,
  verdicts: ClauseVerdict[],
): string[] {
  const passing = verdicts.filter((v) => v.verdict === 'pass').length;
  return [
    `## ${family}: ${report.families[family] ?? family} (${passing} of ${verdicts.length} pass)`,
    '',
    '| clause | verdict | statement | scenarios |',
    '| --- | --- | --- | --- |',
    ...verdicts.map(row),
    '',
  ];
}

function row(verdict: ClauseVerdict): string {
  const id = verdict.clause.id;
  const clause =
    verdict.scenarios.length > 0 ? `[${id}](${clauseLink(id, verdict.scenarios)})` : id;
  const scenarios =
    verdict.scenarios
      .map(
        (s) =>
          `[${cell(s.name)}](${scenarioLink(s)}) (${s.status}, ${s.uri}:${s.line})${chaosLinksMarkdown(s.chaos)}`,
      )
      .join('<br>') || '—';
  const sources = verdict.clause.sources.join(', ');
  return `| ${clause} | ${verdictLabel(verdict)} | ${cell(verdict.clause.statement)} _(${sources})_ | ${scenarios} |`;
}

function verdictLabel(verdict: ClauseVerdict): string {
  if (verdict.verdict === 'n/a') return '_n/a_';
  return verdict.verdict === 'pass' ? 'pass' : `**${verdict.verdict}**`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
