import { parseArgs } from 'node:util';
import { HarnessError, isHarnessError } from '../errors.js';
import { baseImageChoice } from '../runtime/image/ensure-images.js';
import { ENGINE_ENV, parseEngineName, requestedEngine } from '../engines/engine-choice.js';
import { knownEngines } from '../engines/index.js';
import { parseRuntimeKind } from '../runtime/runtime-choice.js';
import { rootSeedFrom } from '../util/seed.js';
import { runUp } from './cmd-up.js';
import { runTest } from './cmd-test.js';
import { runConformance } from './cmd-conformance.js';
import { runConformanceMatrix, runMatrix } from './cmd-matrix.js';
import { runImages } from './cmd-images.js';
import { takeHarnessOptions } from './harness-options.js';
import { runChaos } from './cmd-chaos.js';
import { runAnalyze } from './cmd-analyze.js';
import { runCheck } from './cmd-check.js';
import { runClean } from './cmd-clean.js';
import { KEEP_RUNS_ENV, keepRunsFrom } from '../util/run-retention.js';
import { parseDurationMs } from './duration.js';

const USAGE = `usage: wanlab <command> [options]

commands:
  check <topology.yaml | experiment>
      validate a topology or an experiment (and its topology) without running
      anything: exit 0 valid (warnings printed), 2 with every problem at file:line:column
  up <topology.yaml> [--runtime process|container] [--engine NAME] [--seed N] [--keep N]
      start a topology and stay up until Ctrl-C
  test [--runtime process|container] [--engine NAME] [cucumber options...]
      run the Gherkin features (all of them, or those named)
  conformance [--allow-uncovered] [--runtime process|container] [--engine NAME]
      run every feature and write reports/conformance.{html,md,json} and
      reports/conformance-junit.xml; exit 1 if a clause fails, is unknown or
      (without --allow-uncovered) has no scenario
  conformance --engines wanlab,geode [--allow-uncovered] [--runtime process|container]
      one conformance run per engine (the first into reports/, each other into
      reports/<engine>/), then the matrix report (see matrix)
  matrix <conformance.json> <conformance.json>... [--out DIR]
      write reports/matrix.{html,md,json}: one row per clause, one column per engine,
      disagreements first, linked to docs/divergences.md; exit 0 when the first
      (reference) engine passes every clause and every other column is usable
      evidence (its failing clauses are findings), 1 otherwise
  images [--base scratch|<image>] [--force]
      build the engine and Toxiproxy images if their inputs changed (needs Docker)
  chaos <experiment> [--engine NAME] [--seed N] [--time-limit 60s] [--out DIR] [--plan] [--keep N]
      run a chaos experiment (a name in experiments/ or a .yaml path) and judge it;
      --plan prints the fault schedule the seed gives and runs nothing.
      exit 0 pass, 1 fail, 2 unknown or harness error
  clean [--keep N]
      remove the run folders of .wanlab/ (runs/, chaos/) beyond the newest N
      (--keep, else $WANLAB_KEEP_RUNS, else 20; every new run does this too);
      a run still going is never removed
  analyze <run-folder>
      judge a stored chaos run again (its history.ndjson) and rewrite its reports

The runtime is --runtime, else $WANLAB_RUNTIME, else the topology's \`runtime\` (process).
The engine is --engine, else $WANLAB_ENGINE, else the topology's \`engine\` (wanlab);
known engines: ${knownEngines().join(', ')}.
`;

function usageError(message: string): HarnessError {
  return new HarnessError('WANLAB_USAGE', message, USAGE.trim());
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          runtime: { type: 'string' },
          engine: { type: 'string' },
          seed: { type: 'string' },
          keep: { type: 'string' },
        },
      });
      if (positionals.length !== 1) throw usageError('wanlab up takes exactly one topology file');
      if (values.keep !== undefined) process.env[KEEP_RUNS_ENV] = String(keepRunsFrom(values.keep));
      const runtime =
        values.runtime === undefined ? undefined : parseRuntimeKind(values.runtime, '--runtime');
      const engine = requestedEngine(values.engine);
      return runUp({
        topologyFile: positionals[0]!,
        ...(runtime ? { runtime } : {}),
        ...(engine ? { engine } : {}),
        ...(values.seed !== undefined ? { seed: rootSeedFrom(values.seed) } : {}),
      });
    }
    case 'test': {
      const { rest: cucumberArgs, ...options } = takeHarnessOptions(rest);
      return runTest(cucumberArgs, options);
    }
    case 'conformance': {
      const { values } = parseArgs({
        args: rest,
        options: {
          'allow-uncovered': { type: 'boolean' },
          runtime: { type: 'string' },
          engine: { type: 'string' },
          engines: { type: 'string' },
        },
      });
      if (values.engines !== undefined) {
        if (values.engine !== undefined) throw usageError('give --engine or --engines, not both');
        const engines = values.engines
          .split(',')
          .map((name) => parseEngineName(name.trim(), '--engines'));
        if (engines.length < 2 || new Set(engines).size !== engines.length)
          throw usageError('--engines names two or more distinct engines, e.g. wanlab,geode');
        return runConformanceMatrix(engines, {
          allowUncovered: values['allow-uncovered'] ?? false,
          ...(values.runtime === undefined
            ? {}
            : { runtime: parseRuntimeKind(values.runtime, '--runtime') }),
        });
      }
      return runConformance({
        allowUncovered: values['allow-uncovered'] ?? false,
        ...(values.engine === undefined
          ? {}
          : { engine: parseEngineName(values.engine, '--engine') }),
        ...(values.runtime === undefined
          ? {}
          : { runtime: parseRuntimeKind(values.runtime, '--runtime') }),
      });
    }
    case 'matrix': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { out: { type: 'string' } },
      });
      if (positionals.length < 1)
        throw usageError(
          'wanlab matrix takes the conformance.json of each engine, the reference first',
        );
      return runMatrix(positionals, values.out);
    }
    case 'images': {
      const { values } = parseArgs({
        args: rest,
        options: { base: { type: 'string' }, force: { type: 'boolean' } },
      });
      return runImages({
        baseImage: values.base ?? baseImageChoice(),
        force: values.force ?? false,
      });
    }
    case 'chaos': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          seed: { type: 'string' },
          'time-limit': { type: 'string' },
          out: { type: 'string' },
          plan: { type: 'boolean' },
          engine: { type: 'string' },
          keep: { type: 'string' },
        },
      });
      if (values.keep !== undefined) process.env[KEEP_RUNS_ENV] = String(keepRunsFrom(values.keep));
      if (positionals.length !== 1) throw usageError('wanlab chaos takes exactly one experiment');
      // The deployment reads WANLAB_ENGINE; the command line beats what the environment says.
      const engine = requestedEngine(values.engine);
      if (engine) process.env[ENGINE_ENV] = engine;
      return runChaos({
        experiment: positionals[0]!,
        seed: rootSeedFrom(values.seed ?? process.env.WANLAB_SEED),
        ...(values['time-limit'] !== undefined
          ? { timeLimitMs: parseDurationMs(values['time-limit'], '--time-limit') }
          : {}),
        ...(values.out !== undefined ? { outDir: values.out } : {}),
        planOnly: values.plan ?? false,
      });
    }
    case 'check': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1)
        throw usageError('wanlab check takes exactly one topology or experiment');
      return runCheck(positionals[0]!);
    }
    case 'clean': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { keep: { type: 'string' } },
      });
      if (positionals.length > 0) throw usageError('wanlab clean takes no file, only --keep N');
      return runClean(keepRunsFrom(values.keep));
    }
    case 'analyze': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      if (positionals.length !== 1) throw usageError('wanlab analyze takes exactly one run folder');
      return runAnalyze(positionals[0]!);
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw usageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isHarnessError(error)) {
      process.stderr.write(`${error.format()}\n`);
      process.exit(error.exitCode);
    }
    if (
      error instanceof TypeError &&
      /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(
        String((error as { code?: string }).code ?? error.message),
      )
    ) {
      process.stderr.write(`error WANLAB_USAGE: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    process.stderr.write(
      `wanlab: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
