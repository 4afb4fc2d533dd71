import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessError, messageOf } from '../errors.js';
import {
  byClauseId,
  scoreLabel,
  suitePower,
  type MutantOutcome,
  type SuitePower,
} from './mutation-score.js';

/** reports/mutation.json: every mutant's last outcome, and the suite power they give. */
export interface MutationReport {
  generatedAt: string;
  power: SuitePower;
  mutants: MutantOutcome[];
}

export const MUTATION_JSON = 'mutation.json';

export function buildMutationReport(outcomes: readonly MutantOutcome[], at: Date): MutationReport {
  const mutants = [...outcomes].sort(
    (a, b) => byClauseId(a.clause, b.clause) || a.name.localeCompare(b.name),
  );
  return { generatedAt: at.toISOString(), power: suitePower(mutants), mutants };
}

/**
 * The outcomes of this run over those of an earlier one (a run of one clause updates its
 * mutants and keeps the others'), keeping only mutants that are still in the catalogue.
 */
export function mergeOutcomes(
  earlier: readonly MutantOutcome[],
  latest: readonly MutantOutcome[],
  catalogue: ReadonlySet<string>,
): MutantOutcome[] {
  const byName = new Map(earlier.filter((o) => catalogue.has(o.name)).map((o) => [o.name, o]));
  for (const outcome of latest) byName.set(outcome.name, outcome);
  return [...byName.values()];
}

/** reports/mutation.json when a mutation run wrote one, else undefined. */
export function readMutationReport(dir: string): MutationReport | undefined {
  const file = join(dir, MUTATION_JSON);
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as MutationReport;
    if (!Array.isArray(report.mutants)) throw new Error('no "mutants" array');
    return buildMutationReport(report.mutants, new Date(report.generatedAt));
  } catch (error) {
    throw new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `${file} is not a mutation report: ${messageOf(error)}`,
      'run `npm run mutate` again, or remove the file',
    );
  }
}

export function writeMutationReport(report: MutationReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, MUTATION_JSON);
  const md = join(dir, 'mutation.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(md, renderMutationMarkdown(report));
  return [json, md];
}

/** One line: "mutation score 91.3%: 21 killed, 2 survived, 0 unknown of 23 (0 stale, 0 build errors)". */
export function powerLine(power: SuitePower): string {
  return (
    `mutation score ${scoreLabel(power.score)}: ${power.killed} killed, ${power.survived} survived, ` +
    `${power.unknown} unknown of ${power.total} mutants (${power.stale} stale, ${power.buildErrors} build errors)`
  );
}

/** The mutants the suite did not kill, as the reports list failures: clause, verdict, bug. */
export function notKilled(report: MutationReport): MutantOutcome[] {
  return report.mutants.filter((m) => m.verdict !== 'killed');
}

export function renderMutationMarkdown(report: MutationReport): string {
  const missed = notKilled(report);
  return [
    '# Suite power: clause mutants',
    '',
    `**${powerLine(report.power)}**`,
    '',
    `Generated ${report.generatedAt}. Each mutant plants one small bug (mutants/) in a copy of the engine and runs the scenarios tagged with its clause; docs/mutation.md.`,
    '',
    ...(missed.length > 0
      ? [
          '## Not killed',
          '',
          '| clause | mutant | verdict | bug | detail |',
          '| --- | --- | --- | --- | --- |',
          ...missed.map(
            (m) =>
              `| ${m.clause} | ${m.name} | **${m.verdict}** | ${cell(m.bug)} | ${cell(m.detail ?? '')} |`,
          ),
          '',
        ]
      : []),
    '## Per clause',
    '',
    '| clause | killed | total |',
    '| --- | --- | --- |',
    ...report.power.clauses.map((c) => `| ${c.clause} | ${c.killed} | ${c.total} |`),
    '',
    '## Mutants',
    '',
    '| mutant | clause | verdict | bug | killed by | s |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.mutants.map(
      (m) =>
        `| ${m.name} | ${m.clause} | ${m.verdict} | ${cell(m.bug)} | ${cell(m.killedBy.join('; ') || m.detail || '')} | ${(m.durationMs / 1000).toFixed(0)} |`,
    ),
    '',
  ].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
