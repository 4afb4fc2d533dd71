import { HarnessError } from '../errors.js';
import { loadClauses } from '../report/clause-catalogue.js';
import { dryRun } from './dry-run.js';
import { featureProblems, formatProblems } from './feature-check.js';
import { gherkinNodeIndex, type DryRunEnvelope } from './messages.js';

/** A scenario the run will execute, with its line (an outline's example row's own line). */
export type PlannedScenario = NonNullable<DryRunEnvelope['pickle']> & { line: number };

/** Cucumber options that print something and run nothing: no check needed. */
const INFO_OPTIONS = new Set([
  '--help',
  '-h',
  '--version',
  '-v',
  '--i18n-languages',
  '--i18n-keywords',
]);

/**
 * Checks the features a run would execute before it starts anything: a step no definition
 * matches (with the nearest defined ones), a clause tag missing from the catalogue, a
 * `@needs:` tag naming no capability, a Gherkin syntax error. Any of them fails the whole run at once, naming file and line. Returns the
 * scenarios the run will execute.
 */
export async function checkFeatures(cucumberArgs: readonly string[]): Promise<PlannedScenario[]> {
  if (cucumberArgs.some((arg) => INFO_OPTIONS.has(arg))) return [];
  const known = new Set(loadClauses().map((c) => c.id));
  const envelopes = await dryRun(cucumberArgs);
  const problems = featureProblems(envelopes, known);
  if (problems.length === 0) {
    // cucumber emits a pickle for every scenario of the files it read, and a test case only
    // for those its filters (tags, names, file:line) selected: those are the run's scenarios.
    const selected = new Set(
      envelopes.flatMap(({ testCase }) => (testCase ? [testCase.pickleId] : [])),
    );
    const nodes = gherkinNodeIndex(envelopes);
    return envelopes.flatMap(({ pickle }) =>
      pickle && selected.has(pickle.id)
        ? [{ ...pickle, line: nodes.get(pickle.astNodeIds.at(-1) ?? '')?.line ?? 0 }]
        : [],
    );
  }
  throw new HarnessError(
    'WANLAB_FEATURE_INVALID',
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in the features; nothing was run:\n${formatProblems(problems)}`,
    'use the steps of features/README.md (or define a new one in steps/), clause ids of features/clauses.yaml and capabilities of contract/capabilities.ts',
  );
}
