import type { Clause } from '../clause-catalogue.js';
import type { ClauseVerdict, ConformanceSummary, Verdict } from '../conformance.js';
import { engineLabel, type ConformanceReport } from '../conformance-report.js';
import { clauseLink } from '../evidence-links.js';
import type { DivergenceIndex } from './divergence-index.js';

/** One engine's conformance run: its report and the folder (relative to the matrix) it is in. */
export interface EngineColumnInput {
  report: ConformanceReport;
  /** The report's folder as seen from the matrix's folder (`.`, `geode`). */
  reportDir: string;
}

export interface EngineColumn {
  driver: string;
  label: string;
  capabilities: string[];
  summary: ConformanceSummary;
  reportDir: string;
  generatedAt: string;
  seed: string;
}

export interface MatrixCell {
  verdict: Verdict;
  /** Why: a failure's first line, the capability an n/a lacks. */
  reason?: string;
  /** The clause's scenarios in that engine's cucumber report. */
  evidence?: string;
}

/**
 * `agree`: every engine gave the same verdict; `disagree`: one passes where another fails;
 * `incomparable`: the verdicts differ but one is n/a, unknown or uncovered.
 */
export type Agreement = 'agree' | 'disagree' | 'incomparable';

export interface MatrixRow {
  clause: Clause;
  cells: MatrixCell[];
  agreement: Agreement;
  /** The docs/divergences.md anchor that explains a difference, when one does. */
  divergence?: string;
}

export interface ConformanceMatrix {
  generatedAt: string;
  engines: EngineColumn[];
  families: Record<string, string>;
  /** Disagreements first, then the rest in catalogue order. */
  rows: MatrixRow[];
  disagreements: number;
  /** Clauses on which the engines disagree that docs/divergences.md does not explain. */
  unexplained: string[];
}

const REASON_CHARS_MAX = 200;

/** One row per clause of the first report's catalogue, one column per engine. */
export function buildMatrix(
  inputs: readonly EngineColumnInput[],
  divergences: DivergenceIndex,
  generatedAt: Date,
): ConformanceMatrix {
  const first = inputs[0]?.report;
  if (!first) throw new Error('a matrix needs at least one conformance report');
  const rows = first.clauses.map((verdict) => matrixRow(verdict.clause, inputs, divergences));
  const disagreeing = rows.filter((r) => r.agreement === 'disagree');
  return {
    generatedAt: generatedAt.toISOString(),
    engines: inputs.map(column),
    families: first.families,
    rows: [...disagreeing, ...rows.filter((r) => r.agreement !== 'disagree')],
    disagreements: disagreeing.length,
    unexplained: disagreeing.filter((r) => !r.divergence).map((r) => r.clause.id),
  };
}

function column({ report, reportDir }: EngineColumnInput): EngineColumn {
  return {
    driver: report.driver.name,
    label: engineLabel(report),
    capabilities: report.driver.capabilities,
    summary: report.summary,
    reportDir,
    generatedAt: report.generatedAt,
    seed: report.seed,
  };
}

function matrixRow(
  clause: Clause,
  inputs: readonly EngineColumnInput[],
  divergences: DivergenceIndex,
): MatrixRow {
  const cells = inputs.map(({ report, reportDir }) => {
    const verdict = report.clauses.find((c) => c.clause.id === clause.id);
    return cellOf(verdict, clause.id, reportDir);
  });
  const agreement = agreementOf(cells.map((c) => c.verdict));
  const divergence = agreement === 'agree' ? undefined : divergences.get(clause.id);
  return { clause, cells, agreement, ...(divergence ? { divergence } : {}) };
}

function cellOf(verdict: ClauseVerdict | undefined, id: string, reportDir: string): MatrixCell {
  if (!verdict) return { verdict: 'uncovered', reason: 'not in this run’s catalogue' };
  const reason = reasonOf(verdict);
  const evidence =
    verdict.scenarios.length > 0
      ? joinUrl(reportDir, clauseLink(id, verdict.scenarios))
      : undefined;
  return {
    verdict: verdict.verdict,
    ...(reason ? { reason } : {}),
    ...(evidence ? { evidence } : {}),
  };
}

function reasonOf(verdict: ClauseVerdict): string | undefined {
  const wanted =
    verdict.verdict === 'fail'
      ? verdict.scenarios.find((s) => s.status !== 'passed' && s.status !== 'not-applicable')
      : verdict.verdict === 'n/a'
        ? verdict.scenarios[0]
        : verdict.verdict === 'unknown'
          ? verdict.scenarios.find((s) => s.status !== 'passed')
          : undefined;
  if (!wanted) return undefined;
  const line = (wanted.message ?? wanted.status).split('\n').find((l) => l.trim() !== '') ?? '';
  const text = `${wanted.name}: ${line.trim()}`;
  return text.length > REASON_CHARS_MAX ? `${text.slice(0, REASON_CHARS_MAX - 1)}…` : text;
}

export function agreementOf(verdicts: readonly Verdict[]): Agreement {
  const distinct = new Set(verdicts);
  if (distinct.size <= 1) return 'agree';
  return distinct.has('pass') && distinct.has('fail') ? 'disagree' : 'incomparable';
}

function joinUrl(dir: string, url: string): string {
  return dir === '.' || dir === '' ? url : `${dir.replace(/\/$/, '')}/${url}`;
}
