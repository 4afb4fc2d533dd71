import { relative } from 'node:path';
import { loadClauses } from '../report/clause-catalogue.js';
import { loadMutants, mutantsDir, selectMutants } from '../mutate/load-mutants.js';
import {
  buildMutationReport,
  mergeOutcomes,
  notKilled,
  powerLine,
  type MutationReport,
  readMutationReport,
  writeMutationReport,
} from '../mutate/mutation-report.js';
import type { MutantOutcome } from '../mutate/mutation-score.js';
import { runMutant } from '../mutate/run-mutant.js';
import { createWorkspace, removeWorkspace } from '../mutate/workspace.js';
import { projectRoot } from '../util/project-root.js';
import { reportsDir } from './cmd-test.js';

export interface MutateOptions {
  /** --clause: only the mutants of these clauses. */
  clauses?: string[];
  /** --mutant: only these mutants (file names without .yaml). */
  names?: string[];
  /** One mutant's scenario run, at most; beyond it the mutant is unknown. */
  timeLimitMs: number;
  /** Cucumber workers per mutant (1: one scenario at a time). */
  workers: number;
  /** Keep the temporary project copy (its mutants-run/<name>/ logs) for a look. */
  keepWorkspace: boolean;
}

const BUILD_LIMIT_MS = 10 * 60_000;

/**
 * `wanlab mutate`: for each selected mutant of mutants/, one after another, a bug in a copy
 * of the engine and the scenarios of its clause run against it; then reports/mutation.json
 * and .md (merged with an earlier run's other mutants). Exit 0 when every mutant ran and
 * was killed, 1 when one survived, was unknown, stale or did not build.
 */
export async function runMutate(options: MutateOptions): Promise<number> {
  const root = projectRoot();
  const clauseIds = new Set(loadClauses().map((c) => c.id));
  const catalogue = loadMutants(mutantsDir(root), clauseIds);
  const chosen = selectMutants(catalogue, options);
  const workspace = createWorkspace(root);
  const cleanUp = (): void => {
    if (!options.keepWorkspace) removeWorkspace(workspace);
  };
  // On Ctrl-C the running mutant's process group is stopped (run-bounded.ts) and the copy goes.
  const stop = (): void => process.exit(130);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('exit', cleanUp);
  process.stderr.write(`wanlab mutate: ${chosen.length} mutants, project copy ${workspace}\n`);
  const outcomes: MutantOutcome[] = [];
  const names = new Set(catalogue.map((m) => m.name));
  try {
    for (const [index, mutant] of chosen.entries()) {
      process.stderr.write(`[${index + 1}/${chosen.length}] ${mutant.name} (${mutant.clause}): `);
      const outcome = await runMutant(mutant, {
        workspace,
        timeLimitMs: options.timeLimitMs,
        workers: options.workers,
        buildLimitMs: BUILD_LIMIT_MS,
      });
      outcomes.push(outcome);
      process.stderr.write(`${outcomeText(outcome)}\n`);
      // Written after every mutant, so a long run stopped half way keeps what it found.
      save(outcomes, names);
    }
  } finally {
    cleanUp();
    process.off('exit', cleanUp);
  }
  return report(save(outcomes, names), outcomes);
}

function outcomeText(outcome: MutantOutcome): string {
  const why = outcome.killedBy[0] ?? outcome.detail;
  return `${outcome.verdict}${why ? ` (${why})` : ''} in ${(outcome.durationMs / 1000).toFixed(0)} s`;
}

/** reports/mutation.{json,md}: this run's outcomes over an earlier run's. */
function save(
  outcomes: readonly MutantOutcome[],
  names: ReadonlySet<string>,
): { merged: MutationReport; files: string[] } {
  const dir = reportsDir();
  const earlier = readMutationReport(dir)?.mutants ?? [];
  const merged = buildMutationReport(mergeOutcomes(earlier, outcomes, names), new Date());
  return { merged, files: writeMutationReport(merged, dir) };
}

function report(
  saved: { merged: MutationReport; files: string[] },
  outcomes: readonly MutantOutcome[],
): number {
  const { merged, files } = saved;
  const missed = notKilled(merged);
  const lines = [
    powerLine(merged.power),
    ...missed.map(
      (m) => `${m.verdict}: ${m.clause} ${m.name}: ${m.bug}${m.detail ? ` (${m.detail})` : ''}`,
    ),
    `reports: ${files.map((f) => relative(process.cwd(), f)).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return outcomes.every((o) => o.verdict === 'killed') ? 0 : 1;
}
