import { summaryLine } from '../conformance.js';
import type { ConformanceMatrix, MatrixCell, MatrixRow } from './engine-matrix.js';

/** docs/divergences.md, copied beside the matrix so the CI artifacts link to it. */
export const DIVERGENCES_URL = 'divergences.md';

/** reports/matrix.md: the engines, the disagreements, then every clause, one column per engine. */
export function renderMatrixMarkdown(matrix: ConformanceMatrix): string {
  const names = matrix.engines.map((e) => e.driver);
  const disagreeing = matrix.rows.filter((r) => r.agreement === 'disagree');
  return [
    `# WAN conformance matrix: ${names.join(' vs ')}`,
    '',
    ...matrix.engines.map(
      (e) =>
        `- **${e.driver}** (${e.label}): ${summaryLine(e.summary)}; [report](${e.reportDir}/conformance.md), root seed ${e.seed}`,
    ),
    '',
    `**${matrix.disagreements} disagreement(s)** (a clause one engine passes and another fails)` +
      (matrix.unexplained.length > 0
        ? `; not explained in [divergences.md](${DIVERGENCES_URL}): ${matrix.unexplained.join(', ')}`
        : `; each explained in [divergences.md](${DIVERGENCES_URL})`) +
      `. Generated ${matrix.generatedAt}.`,
    '',
    ...(disagreeing.length > 0 ? ['## Disagreements', '', ...table(names, disagreeing), ''] : []),
    '## Every clause',
    '',
    ...table(
      names,
      matrix.rows.filter((r) => r.agreement !== 'disagree'),
    ),
    '',
  ].join('\n');
}

function table(names: string[], rows: MatrixRow[]): string[] {
  return [
    `| clause | ${names.join(' | ')} | statement | divergence |`,
    `| --- | ${names.map(() => '---').join(' | ')} | --- | --- |`,
    ...rows.map(
      (r) =>
        `| ${r.clause.id} | ${r.cells.map(cell).join(' | ')} | ${escape(r.clause.statement)} | ${divergenceCell(r)} |`,
    ),
  ];
}

function cell(c: MatrixCell): string {
  const verdict = c.verdict === 'pass' || c.verdict === 'n/a' ? c.verdict : `**${c.verdict}**`;
  const linked = c.evidence ? `[${verdict}](${c.evidence})` : verdict;
  return c.reason ? `${linked}<br><small>${escape(c.reason)}</small>` : linked;
}

function divergenceCell(row: MatrixRow): string {
  if (row.divergence) return `[entry](${DIVERGENCES_URL}#${row.divergence})`;
  return row.agreement === 'disagree' ? '**none yet**' : '';
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
