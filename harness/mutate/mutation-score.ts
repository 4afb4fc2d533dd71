/**
 * What running one mutant showed: `killed` (a scenario of its clause failed), `survived`
 * (every scenario passed), `stale` (its `find` no longer matches), `build-error` (the
 * mutated engine does not compile), `unknown` (timed out, or no scenario ran to a result).
 */
export type MutantVerdict = 'killed' | 'survived' | 'stale' | 'build-error' | 'unknown';

export interface MutantOutcome {
  name: string;
  clause: string;
  bug: string;
  file: string;
  verdict: MutantVerdict;
  /** The scenarios that failed on the mutant (killed), `uri:line name`. */
  killedBy: string[];
  /** Why the verdict is stale, build-error or unknown. */
  detail?: string;
  durationMs: number;
}

export interface ClausePower {
  clause: string;
  killed: number;
  /** Every mutant of the clause, whatever its verdict. */
  total: number;
  survived: number;
  unknown: number;
  /** Stale and build-error: mistakes of the catalogue, not of the suite. */
  errors: number;
}

export interface SuitePower {
  /** killed / (killed + survived + unknown); null when no mutant ran to a verdict. */
  score: number | null;
  killed: number;
  survived: number;
  unknown: number;
  stale: number;
  buildErrors: number;
  total: number;
  clauses: ClausePower[];
}

/**
 * The mutation score: the share of mutants the scenarios killed among those that ran
 * (killed, survived, unknown); a mutant that timed out counts against the suite, since the
 * suite did not show it noticed. Stale and build-error mutants are errors of the catalogue
 * and left out of the score (the command exits 1 on them).
 */
export function suitePower(outcomes: readonly MutantOutcome[]): SuitePower {
  const count = (verdict: MutantVerdict, of = outcomes): number =>
    of.filter((o) => o.verdict === verdict).length;
  const killed = count('killed');
  const survived = count('survived');
  const unknown = count('unknown');
  const ran = killed + survived + unknown;
  return {
    score: ran === 0 ? null : killed / ran,
    killed,
    survived,
    unknown,
    stale: count('stale'),
    buildErrors: count('build-error'),
    total: outcomes.length,
    clauses: [...new Set(outcomes.map((o) => o.clause))].sort(byClauseId).map((clause) => {
      const mine = outcomes.filter((o) => o.clause === clause);
      return {
        clause,
        killed: count('killed', mine),
        total: mine.length,
        survived: count('survived', mine),
        unknown: count('unknown', mine),
        errors: count('stale', mine) + count('build-error', mine),
      };
    }),
  };
}

/** ARCH-2 before ARCH-10: the family, then the number. */
export function byClauseId(a: string, b: string): number {
  const [fa = '', na = '0'] = a.split('-');
  const [fb = '', nb = '0'] = b.split('-');
  return fa === fb ? Number(na) - Number(nb) : fa.localeCompare(fb);
}

/** "87.5%" or "n/a". */
export function scoreLabel(score: number | null): string {
  return score === null ? 'n/a' : `${(score * 100).toFixed(1)}%`;
}
