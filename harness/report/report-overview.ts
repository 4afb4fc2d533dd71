import type { Catalogue } from './clause-catalogue.js';
import type { ClauseVerdict, ScenarioEvidence, Verdict } from './conformance.js';
import type { ConformanceReport } from './conformance-report.js';
import { clauseLink, scenarioLink } from './evidence-links.js';

/** One clause that does not pass, as the top of a report lists it. */
export interface NotPassing {
  clause: string;
  family: string;
  verdict: Verdict;
  engine: string;
  /** The scenario that decided it (the first failing, else the first not passing), if any. */
  scenario?: { name: string; at: string };
  /** One line: the scenario's message, or why there is no evidence. */
  reason: string;
  link?: string;
  /** Every scenario of the clause in the cucumber report, when it has some. */
  clauseLink?: string;
  /** The chaos reports of the deciding scenario's experiments. */
  chaos?: string[];
}

/** Fail first, then unknown, then uncovered; catalogue order within each. */
const ORDER: readonly Verdict[] = ['fail', 'unknown', 'uncovered'];

const REASON_CHARS_MAX = 200;

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > REASON_CHARS_MAX ? `${line.slice(0, REASON_CHARS_MAX - 1)}…` : line.trim();
}

function deciding(verdict: ClauseVerdict): ScenarioEvidence | undefined {
  return (
    verdict.scenarios.find((s) => s.status === 'failed') ??
    verdict.scenarios.find((s) => s.status !== 'passed' && s.status !== 'not-applicable')
  );
}

function reasonOf(verdict: ClauseVerdict, scenario: ScenarioEvidence | undefined): string {
  if (verdict.verdict === 'uncovered') return 'no scenario is tagged with this clause';
  if (!scenario) return `no scenario ran to a result`;
  return firstLine(scenario.message ?? '') || `scenario ${scenario.status}`;
}

/** What is not passing, failures first: the opening section of every report. */
export function notPassing(report: ConformanceReport, engine: string): NotPassing[] {
  return ORDER.flatMap((wanted) =>
    report.clauses
      .filter((c) => c.verdict === wanted)
      .map((c) => {
        const scenario = deciding(c);
        return {
          clause: c.clause.id,
          family: c.clause.family,
          verdict: c.verdict,
          engine,
          ...(scenario
            ? { scenario: { name: scenario.name, at: `${scenario.uri}:${scenario.line}` } }
            : {}),
          reason: reasonOf(c, scenario),
          ...(scenario
            ? { link: scenarioLink(scenario) }
            : c.scenarios.length > 0
              ? { link: clauseLink(c.clause.id, c.scenarios) }
              : {}),
          ...(c.scenarios.length > 0 ? { clauseLink: clauseLink(c.clause.id, c.scenarios) } : {}),
          ...(scenario?.chaos ? { chaos: scenario.chaos } : {}),
        };
      }),
  );
}

export const VERDICT_COLUMNS: readonly Verdict[] = ['pass', 'fail', 'unknown', 'uncovered', 'n/a'];

/** Clauses per family and verdict, in catalogue order, with a total row. */
export function familyVerdictCounts(
  report: ConformanceReport,
): Array<{ family: string; counts: Record<Verdict, number> }> {
  const zero = (): Record<Verdict, number> =>
    Object.fromEntries(VERDICT_COLUMNS.map((v) => [v, 0])) as Record<Verdict, number>;
  const rows = new Map<string, Record<Verdict, number>>();
  const total = zero();
  for (const { clause, verdict } of report.clauses) {
    const counts = rows.get(clause.family) ?? zero();
    counts[verdict] += 1;
    total[verdict] += 1;
    rows.set(clause.family, counts);
  }
  return [
    ...[...rows].map(([family, counts]) => ({ family, counts })),
    { family: 'all', counts: total },
  ];
}

/** Each source marker the clauses cite (`000`, `issue-17`) and what it is. */
export function sourceLegend(catalogue: Pick<Catalogue, 'sources' | 'clauses'>): Array<{
  marker: string;
  meaning: string;
}> {
  const used = [...new Set(catalogue.clauses.flatMap((c) => c.sources))].sort();
  return used.map((marker) => ({
    marker,
    meaning:
      catalogue.sources?.[marker] ??
      (/^issue-(\d+)$/.exec(marker)
        ? `wanlab's issue ${marker.slice('issue-'.length)} (a family beyond the seed documents)`
        : 'not described in features/clauses.yaml'),
  }));
}
