import type { MutationReport } from '../mutate/mutation-report.js';
import { esc } from './overview-html.js';
import { notKilled, powerLine } from '../mutate/mutation-report.js';
import { scoreLabel, type ClausePower, type MutantOutcome } from '../mutate/mutation-score.js';

/**
 * What the conformance reports say of the suite's power when reports/mutation.json exists
 * (`wanlab mutate`): the score, the kill rate per clause, and the mutants the scenarios did
 * not kill, listed as failures are.
 */
export interface SuitePowerSection {
  /** When the mutation run wrote its report (it may be older than this conformance run). */
  generatedAt: string;
  line: string;
  score: number | null;
  clauses: ClausePower[];
  notKilled: MutantOutcome[];
}

export function suitePowerSection(mutation: MutationReport): SuitePowerSection {
  return {
    generatedAt: mutation.generatedAt,
    line: powerLine(mutation.power),
    score: mutation.power.score,
    clauses: mutation.power.clauses,
    notKilled: notKilled(mutation),
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function suitePowerMarkdown(power: SuitePowerSection | undefined): string[] {
  if (!power) return [];
  return [
    `## Suite power (mutation score ${scoreLabel(power.score)})`,
    '',
    `${power.line}; from \`wanlab mutate\` at ${power.generatedAt} (reports/mutation.md).`,
    '',
    ...(power.notKilled.length > 0
      ? [
          '| clause | mutant | verdict | bug it plants | detail |',
          '| --- | --- | --- | --- | --- |',
          ...power.notKilled.map(
            (m) =>
              `| ${m.clause} | ${m.name} | **${m.verdict}** | ${cell(m.bug)} | ${cell(m.detail ?? '')} |`,
          ),
          '',
        ]
      : ['Every mutant was killed.', '']),
    '| clause | mutants killed | of |',
    '| --- | ---: | ---: |',
    ...power.clauses.map((c) => `| ${c.clause} | ${c.killed} | ${c.total} |`),
    '',
  ];
}

export function suitePowerHtml(power: SuitePowerSection | undefined): string {
  if (!power) return '';
  const missed =
    power.notKilled.length === 0
      ? '<p>Every mutant was killed.</p>'
      : `<table><thead><tr><th>clause</th><th>mutant</th><th>verdict</th><th>bug it plants</th><th>detail</th></tr></thead><tbody>
${power.notKilled.map((m) => `<tr><td><a href="#${esc(m.clause)}">${esc(m.clause)}</a></td><td>${esc(m.name)}</td><td><span class="verdict ${m.verdict === 'survived' ? 'fail' : 'unknown'}">${esc(m.verdict)}</span></td><td>${esc(m.bug)}</td><td>${esc(m.detail ?? '')}</td></tr>`).join('\n')}
</tbody></table>`;
  const perClause = power.clauses
    .map((c) => `<tr><td>${esc(c.clause)}</td><td>${c.killed}</td><td>${c.total}</td></tr>`)
    .join('\n');
  return `<h2 id="suite-power">Suite power <small>mutation score ${esc(scoreLabel(power.score))}</small></h2>
<p>${esc(power.line)}; from <code>wanlab mutate</code> at ${esc(power.generatedAt)} (<a href="mutation.md">mutation.md</a>).</p>
${missed}
<table><thead><tr><th>clause</th><th>mutants killed</th><th>of</th></tr></thead><tbody>
${perClause}
</tbody></table>`;
}
