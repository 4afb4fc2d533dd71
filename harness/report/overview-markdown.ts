import type { ConformanceReport } from './conformance-report.js';
import { engineLabel } from './conformance-report.js';
import { chaosRunName } from './evidence-links.js';
import { familyVerdictCounts, notPassing, VERDICT_COLUMNS } from './report-overview.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The top of conformance.md: what does not pass, the family × verdict counts, the legend. */
export function overviewMarkdown(report: ConformanceReport): string[] {
  const failing = notPassing(report, engineLabel(report));
  const notPassingSection =
    failing.length === 0
      ? ['## Not passing', '', 'Every clause passes.', '']
      : [
          `## Not passing (${failing.length})`,
          '',
          '| clause | verdict | engine | scenario | reason |',
          '| --- | --- | --- | --- | --- |',
          ...failing.map((f) => {
            const scenario = f.scenario
              ? `${f.link ? `[${cell(f.scenario.name)}](${f.link})` : cell(f.scenario.name)} (${f.scenario.at})${chaosLinksMarkdown(f.chaos)}`
              : '—';
            const clause = f.clauseLink ? `[${f.clause}](${f.clauseLink})` : f.clause;
            return `| ${clause} | **${f.verdict}** | ${cell(f.engine)} | ${scenario} | ${cell(f.reason)} |`;
          }),
          '',
        ];
  const counts = familyVerdictCounts(report);
  return [
    ...notPassingSection,
    '## Clauses by family and verdict',
    '',
    `| family | ${VERDICT_COLUMNS.join(' | ')} |`,
    `| --- | ${VERDICT_COLUMNS.map(() => '---:').join(' | ')} |`,
    ...counts.map(
      (row) =>
        `| ${row.family === 'all' ? '**all**' : row.family} | ${VERDICT_COLUMNS.map((v) => row.counts[v]).join(' | ')} |`,
    ),
    '',
    '## Sources',
    '',
    'The markers after each statement name the documents it comes from:',
    '',
    ...report.legend.map((l) => `- \`${l.marker}\`: ${l.meaning}`),
    '',
  ];
}

/** `; chaos evidence: [run](chaos/run/report.html)`: the scenario's chaos experiments. */
export function chaosLinksMarkdown(reports: readonly string[] | undefined): string {
  if (!reports || reports.length === 0) return '';
  return `; chaos evidence: ${reports.map((r) => `[${chaosRunName(r)}](${r})`).join(', ')}`;
}
