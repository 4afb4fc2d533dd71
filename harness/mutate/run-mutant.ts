import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCucumberResults, type ScenarioResult } from '../report/cucumber-results.js';
import { applyEdits } from './apply-edit.js';
import { judgeRun } from './judge-run.js';
import { mutantEdits, type Mutant } from './mutant-schema.js';
import type { MutantOutcome } from './mutation-score.js';
import { runBounded } from './run-bounded.js';
import { ENGINE_TSCONFIG } from './workspace.js';

export interface MutantRunOptions {
  /** The project copy (workspace.ts) the mutant is applied to. */
  workspace: string;
  /** The scenarios' whole run on one mutant, at most. */
  timeLimitMs: number;
  /** Cucumber workers for one mutant's scenarios (1: sequential). */
  workers: number;
  /** A build of the whole copy, at most. */
  buildLimitMs: number;
}

/** The tag expression of a mutant's scenarios: its clause's, and any it names. */
export function scenarioTags(mutant: Mutant): string {
  return [`@clause:${mutant.clause}`, ...(mutant.alsoRun ?? [])].join(' or ');
}

/**
 * Applies one mutant to the workspace, builds it, runs the scenarios of its clause on the
 * mutated engine and restores the file, whatever happened. The edit, the build log and
 * cucumber's reports stay in the workspace's mutants-run/<name>/ folder until it is removed.
 */
export async function runMutant(mutant: Mutant, options: MutantRunOptions): Promise<MutantOutcome> {
  const startedMs = performance.now();
  const base = { name: mutant.name, clause: mutant.clause, bug: mutant.bug, file: mutant.file };
  const done = (rest: Pick<MutantOutcome, 'verdict' | 'killedBy' | 'detail'>): MutantOutcome => ({
    ...base,
    ...rest,
    ...(rest.detail === undefined ? {} : { detail: rest.detail }),
    durationMs: Math.round(performance.now() - startedMs),
  });
  const target = join(options.workspace, mutant.file);
  if (!existsSync(target)) {
    return done({ verdict: 'stale', killedBy: [], detail: `${mutant.file} does not exist` });
  }
  const original = readFileSync(target, 'utf8');
  const edit = applyEdits(original, mutantEdits(mutant));
  if (edit.kind === 'stale') return done({ verdict: 'stale', killedBy: [], detail: edit.reason });
  const out = join(options.workspace, 'mutants-run', mutant.name);
  mkdirSync(out, { recursive: true });
  writeFileSync(target, edit.text);
  try {
    return done(await buildAndRun(mutant, options, out));
  } finally {
    writeFileSync(target, original);
  }
}

async function buildAndRun(
  mutant: Mutant,
  options: MutantRunOptions,
  out: string,
): Promise<Pick<MutantOutcome, 'verdict' | 'killedBy' | 'detail'>> {
  const env = { ...process.env, WANLAB_REPORTS_DIR: out };
  const build = await runBounded(
    [process.execPath, join('node_modules', 'typescript', 'bin', 'tsc'), '-b', ENGINE_TSCONFIG],
    {
      cwd: options.workspace,
      env,
      logFile: join(out, 'build.log'),
      timeLimitMs: options.buildLimitMs,
    },
  );
  if (build.code !== 0) {
    const log = readFileSync(join(out, 'build.log'), 'utf8').trim().split('\n');
    const detail = build.code === undefined ? 'the build timed out' : (log[0] ?? 'tsc failed');
    return { verdict: 'build-error', killedBy: [], detail };
  }
  const test = await runBounded(
    [
      process.execPath,
      // Not bin/wanlab.js: it would build the whole project again, the mutant being newer.
      join('dist', 'harness', 'cli', 'main.js'),
      'test',
      '--tags',
      scenarioTags(mutant),
      '--parallel',
      String(options.workers),
      '--fail-fast',
    ],
    {
      cwd: options.workspace,
      env,
      logFile: join(out, 'test.log'),
      timeLimitMs: options.timeLimitMs,
    },
  );
  const messages = join(out, 'cucumber-messages.ndjson');
  return judgeRun(test.code, scenariosOf(messages));
}

/** The scenarios' results; none when cucumber wrote nothing readable (stopped mid-line). */
function scenariosOf(messages: string): ScenarioResult[] {
  if (!existsSync(messages)) return [];
  try {
    return readCucumberResults(messages).scenarios;
  } catch {
    return [];
  }
}
