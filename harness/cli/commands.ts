import { Command } from 'commander';
import { HarnessError } from '../errors.js';
import { ENGINE_ENV, parseEngineName, requestedEngine } from '../engines/engine-choice.js';
import { baseImageChoice } from '../runtime/image/ensure-images.js';
import { parseRuntimeKind } from '../runtime/runtime-choice.js';
import { KEEP_RUNS_ENV, keepRunsFrom } from '../util/run-retention.js';
import { rootSeedFrom } from '../util/seed.js';
import type { ChaosOptions } from './cmd-chaos.js';
import type { ConformanceOptions } from './cmd-conformance.js';
import type { ImagesOptions } from './cmd-images.js';
import type { MergeOptions } from './cmd-report-merge.js';
import { parseShard } from '../schedule/shard.js';
import type { MutateOptions } from './cmd-mutate.js';
import type { StatusOptions } from './cmd-status.js';
import type { SuiteOptions } from './cmd-test.js';
import type { UpOptions } from './cmd-up.js';
import type { WanCopyOptions } from './cmd-wan-copy.js';
import { addWanCopy } from './wan-copy-command.js';
import { parseDurationMs } from './duration.js';
import { CHAOS_EXIT_CODES_HELP } from './exit-codes.js';

/** What each command does once its arguments are parsed: the exit code. */
export interface CliActions {
  up(options: UpOptions): Promise<number>;
  test(cucumberArgs: string[], options: SuiteOptions): Promise<number>;
  conformance(options: ConformanceOptions): Promise<number>;
  /** `conformance --engines a,b`: one run per engine, then the matrix report. */
  conformanceMatrix(engines: string[], options: ConformanceOptions): Promise<number>;
  /** `matrix <conformance.json...>`: the matrix report of runs already made. */
  matrix(files: string[], outDir: string | undefined): number | Promise<number>;
  /** `report merge <folders...>`: one conformance report from the shards of a run. */
  reportMerge(options: MergeOptions): number | Promise<number>;
  images(options: ImagesOptions): Promise<number>;
  chaos(options: ChaosOptions): Promise<number>;
  status(options: StatusOptions): Promise<number>;
  check(file: string): number | Promise<number>;
  clean(keep: number): number | Promise<number>;
  analyze(runFolder: string): number | Promise<number>;
  mutate(options: MutateOptions): Promise<number>;
  /** `wan-copy`: a region's entries copied to a sender's remote site (GEODE-7). */
  wanCopy(options: WanCopyOptions): Promise<number>;
}

type SetCode = (code: number) => void;

const RUNTIME = [
  '--runtime <kind>',
  'process or container (beats $WANLAB_RUNTIME and the topology)',
];
const ENGINE = ['--engine <name>', 'the engine to run (beats $WANLAB_ENGINE and the topology)'];
const KEEP = ['--keep <n>', 'keep the newest N run folders of .wanlab/ (default 20)'];

const SHARD = [
  '--shard <i/n>',
  'run share i of n of the scenarios (a whole topology per share; merge with `wanlab report merge`)',
];

interface EngineRuntime {
  runtime?: string;
  engine?: string;
  shard?: string;
}

function suiteOptions(values: EngineRuntime): SuiteOptions {
  return {
    ...(values.shard === undefined ? {} : { shard: parseShard(values.shard) }),
    ...(values.runtime === undefined
      ? {}
      : { runtime: parseRuntimeKind(values.runtime, '--runtime') }),
    ...(values.engine === undefined ? {} : { engine: parseEngineName(values.engine, '--engine') }),
  };
}

function applyKeep(keep: string | undefined): void {
  if (keep !== undefined) process.env[KEEP_RUNS_ENV] = String(keepRunsFrom(keep));
}

function addCheck(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('check')
    .summary('validate a topology or an experiment without running anything')
    .description(
      'Validate a topology or an experiment (and its topology) exactly as up and chaos would, ' +
        'and run nothing: exit 0 when valid (warnings printed), 2 with every problem at ' +
        'file:line:column.',
    )
    .argument('<file>', 'a topology or experiment YAML, or the name of an experiment')
    .action(async (file: string) => setCode(await actions.check(file)));
}

function addUp(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('up')
    .summary('start a topology and stay up until Ctrl-C')
    .description(
      'Start a topology, print its sites, control URLs and proxies, and stay up until Ctrl-C ' +
        '(or SIGTERM or SIGHUP to this process, or the death of the process that started it). ' +
        'The run folder .wanlab/runs/<time>-<topology>-<pid>/ keeps configurations, logs, data ' +
        'and deployment.json.',
    )
    .argument('<topology>', 'a topology YAML')
    .option(RUNTIME[0]!, RUNTIME[1])
    .option(ENGINE[0]!, ENGINE[1])
    .option('--seed <n>', 'the root seed (default: a new one, printed)')
    .option(KEEP[0]!, KEEP[1])
    .option('--json', 'print the deployment (control URLs, proxies, ports) as one JSON line')
    .action(async (topologyFile: string, values: EngineRuntime & UpValues) => {
      applyKeep(values.keep);
      const runtime =
        values.runtime === undefined ? undefined : parseRuntimeKind(values.runtime, '--runtime');
      const engine = requestedEngine(values.engine);
      setCode(
        await actions.up({
          topologyFile,
          json: values.json ?? false,
          ...(runtime ? { runtime } : {}),
          ...(engine ? { engine } : {}),
          ...(values.seed !== undefined ? { seed: rootSeedFrom(values.seed) } : {}),
        }),
      );
    });
}

function addStatus(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('status')
    .summary("a running deployment's gateway senders and receivers")
    .description(
      "Show every member's gateway senders (running, paused, primary, connected, queue in " +
        'memory and on disk, batches acknowledged/sent, last failure) and receivers of a running ' +
        '`wanlab up`, as gfsh `list gateways` does. Without a run folder: the newest running ' +
        'one of .wanlab/runs/. Exit 0 when every member answered, 1 when one did not or nothing ' +
        'runs.',
    )
    .argument('[run-folder]', 'the run folder of a `wanlab up` (.wanlab/runs/...)')
    .option('--json', 'print the status as one JSON line')
    .action(async (runFolder: string | undefined, values: { json?: boolean }) =>
      setCode(
        await actions.status({
          json: values.json ?? false,
          ...(runFolder === undefined ? {} : { runFolder }),
        }),
      ),
    );
}

interface UpValues {
  seed?: string;
  keep?: string;
  json?: boolean;
}

function addTest(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('test')
    .summary('run the Gherkin features (all, or those named)')
    .description(
      'Run the Gherkin features (all of them, or those named). Every option and argument not ' +
        'listed here goes to cucumber-js (--name, --tags, --parallel, ...).',
    )
    .argument('[cucumber-args...]', 'feature files and cucumber-js options')
    .option(RUNTIME[0]!, RUNTIME[1])
    .option(ENGINE[0]!, ENGINE[1])
    .option(SHARD[0]!, SHARD[1])
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (cucumberArgs: string[], values: EngineRuntime) =>
      setCode(await actions.test(cucumberArgs, suiteOptions(values))),
    );
}

function addConformance(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('conformance')
    .summary('run every feature and write the conformance reports')
    .description(
      'Run every feature and write reports/conformance.{html,md,json} and ' +
        'reports/conformance-junit.xml. Exit 0 when every clause passes, 1 if a clause fails, ' +
        'is unknown or (without --allow-uncovered) has no scenario, 2 for a mistake in the ' +
        'features.',
    )
    .option('--allow-uncovered', 'a clause without a scenario does not fail the run')
    .option(
      '--compare <conformance.json>',
      "an earlier run's report: mark the clauses whose verdict changed, regressions first",
    )
    .option(RUNTIME[0]!, RUNTIME[1])
    .option(ENGINE[0]!, ENGINE[1])
    .option(SHARD[0]!, SHARD[1])
    .option(
      '--engines <a,b>',
      'one run per engine (the first into reports/, each other into reports/<engine>/), then the matrix report',
    )
    .action(
      async (
        values: EngineRuntime & { allowUncovered?: boolean; engines?: string; compare?: string },
      ) => {
        const options = {
          allowUncovered: values.allowUncovered ?? false,
          ...(values.compare !== undefined ? { compare: values.compare } : {}),
          ...suiteOptions(values),
        };
        if (values.engines === undefined) return setCode(await actions.conformance(options));
        if (values.engine !== undefined) throw usage('give --engine or --engines, not both');
        if (values.shard !== undefined) throw usage('give --shard or --engines, not both');
        return setCode(await actions.conformanceMatrix(engineList(values.engines), options));
      },
    );
}

/** `a,b`: two or more distinct known engines. */
function engineList(value: string): string[] {
  const engines = value.split(',').map((name) => parseEngineName(name.trim(), '--engines'));
  if (engines.length < 2 || new Set(engines).size !== engines.length) {
    throw usage('--engines names two or more distinct engines, e.g. wanlab,geode');
  }
  return engines;
}

function usage(message: string): HarnessError {
  return new HarnessError('WANLAB_USAGE', message, '`wanlab conformance --help` lists the options');
}

function addMatrix(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('matrix')
    .summary('one report of several engines side by side, from their conformance runs')
    .description(
      'Write reports/matrix.{html,md,json}: one row per clause, one column per engine, ' +
        'disagreements (one engine passes, another fails) first, each linked to its ' +
        'docs/divergences.md entry. Exit 0 when the first (reference) engine passes every ' +
        'clause and every other column is usable evidence (a deployment started, every clause ' +
        'has a result, every n/a names its missing capability); its failing clauses are ' +
        'findings. Exit 1 otherwise, 2 for a file that is not a conformance report.',
    )
    .argument('<conformance.json...>', "each engine's conformance.json, the reference first")
    .option('--out <dir>', 'where to write the matrix (default reports/)')
    .action(async (files: string[], values: { out?: string }) =>
      setCode(await actions.matrix(files, values.out)),
    );
}

function addReport(program: Command, actions: CliActions, setCode: SetCode): void {
  const report = program
    .command('report')
    .summary('work on reports already written (merge the shards of a run)');
  report
    .command('merge')
    .summary('one conformance report from the reports folders of every shard of a run')
    .description(
      'Merge the reports folders that `wanlab test|conformance --shard i/n` wrote on n ' +
        'machines into one conformance report (conformance.{html,md,json}, ' +
        'conformance-junit.xml) with the verdicts one run of every scenario would give. Each ' +
        "shard's cucumber reports go to shards/<i>-of-<n>/, its chaos evidence to chaos/. " +
        'Exit codes as `wanlab conformance`; 2 when a shard is missing, doubled or unreadable.',
    )
    .argument('<folders...>', "each shard's reports folder")
    .option('--out <dir>', 'where to write the merged reports (default reports/)')
    .option('--allow-uncovered', 'a clause without a scenario does not fail the merge')
    .option('--compare <conformance.json>', "an earlier run's report: mark changed verdicts")
    .action(
      async (
        dirs: string[],
        values: { out?: string; allowUncovered?: boolean; compare?: string },
      ) =>
        setCode(
          await actions.reportMerge({
            dirs,
            outDir: values.out ?? 'reports',
            allowUncovered: values.allowUncovered ?? false,
            ...(values.compare !== undefined ? { compare: values.compare } : {}),
          }),
        ),
    );
}

function addImages(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('images')
    .summary('build the container images (needs Docker)')
    .description('Build the engine and Toxiproxy images if their inputs changed (needs Docker).')
    .option('--base <image>', 'scratch, or a base image such as node:20-slim')
    .option('--force', 'build even when nothing changed')
    .action(async (values: { base?: string; force?: boolean }) =>
      setCode(
        await actions.images({
          baseImage: values.base ?? baseImageChoice(),
          force: values.force ?? false,
        }),
      ),
    );
}

interface ChaosValues {
  seed?: string;
  timeLimit?: string;
  out?: string;
  plan?: boolean;
  engine?: string;
  keep?: string;
}

function addChaos(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('chaos')
    .summary('run a chaos experiment and judge its history')
    .description(
      'Run a chaos experiment (a topology, a workload, random faults from one seed) and judge ' +
        'the recorded history with its checkers; the run folder holds report.html and ' +
        'history.ndjson.',
    )
    .argument('<experiment>', 'a name in experiments/ or a .yaml path')
    .option(ENGINE[0]!, ENGINE[1])
    .option('--seed <n>', 'the root seed (default: $WANLAB_SEED, else a new one, printed)')
    .option('--time-limit <duration>', "how long the workload runs, e.g. 60s (the experiment's)")
    .option('--out <dir>', 'where the run folder goes (default .wanlab/chaos/)')
    .option('--plan', 'print the fault schedule the seed gives and run nothing')
    .option(KEEP[0]!, KEEP[1])
    .addHelpText('after', `\n${CHAOS_EXIT_CODES_HELP}`)
    .action(async (experiment: string, values: ChaosValues) => {
      applyKeep(values.keep);
      // The deployment reads WANLAB_ENGINE; the command line beats what the environment says.
      const engine = requestedEngine(values.engine);
      if (engine) process.env[ENGINE_ENV] = engine;
      setCode(
        await actions.chaos({
          experiment,
          seed: rootSeedFrom(values.seed ?? process.env.WANLAB_SEED),
          ...(values.timeLimit !== undefined
            ? { timeLimitMs: parseDurationMs(values.timeLimit, '--time-limit') }
            : {}),
          ...(values.out !== undefined ? { outDir: values.out } : {}),
          planOnly: values.plan ?? false,
        }),
      );
    });
}

interface MutateValues {
  clause?: string;
  mutant?: string;
  timeout: string;
  parallel: string;
  keepWorkspace?: boolean;
}

function addMutate(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('mutate')
    .summary("measure the suite's power: plant each clause mutant, run its clause's scenarios")
    .description(
      'For each mutant of mutants/ (or those selected), one at a time: apply its bug to a ' +
        'copy of the project, build it, run the scenarios tagged with its clause on the ' +
        'mutated engine, and record killed (with the failing scenario), survived, stale, ' +
        'build-error or unknown (time limit). Writes reports/mutation.{json,md}, merged with ' +
        "an earlier run's other mutants; the conformance report shows them. Exit 0 when " +
        'every mutant run was killed, 1 otherwise, 2 for an invalid mutant file.',
    )
    .option('--clause <ids>', 'only the mutants of these clauses (QUEUE-5 or QUEUE-5,CONS-4)')
    .option('--mutant <names>', 'only these mutants (file names without .yaml, comma-separated)')
    .option('--timeout <duration>', "one mutant's scenario run, at most (then unknown)", '15m')
    .option('--parallel <n>', 'cucumber workers per mutant', '1')
    .option('--keep-workspace', 'keep the temporary project copy and its logs')
    .action(async (values: MutateValues) =>
      setCode(
        await actions.mutate({
          ...(values.clause === undefined ? {} : { clauses: listOf(values.clause) }),
          ...(values.mutant === undefined ? {} : { names: listOf(values.mutant) }),
          timeLimitMs: parseDurationMs(values.timeout, '--timeout'),
          workers: workerCountFrom(values.parallel),
          keepWorkspace: values.keepWorkspace ?? false,
        }),
      ),
    );
}

function listOf(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function workerCountFrom(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 16) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `--parallel ${text} is not a worker count`,
      'give a whole number from 1 to 16',
    );
  }
  return value;
}

function addHousekeeping(program: Command, actions: CliActions, setCode: SetCode): void {
  program
    .command('clean')
    .summary('remove old run folders of .wanlab/')
    .description(
      'Remove the run folders of .wanlab/ (runs/, chaos/) beyond the newest N (--keep, else ' +
        '$WANLAB_KEEP_RUNS, else 20; every new run does this too). A run still going is never ' +
        'removed.',
    )
    .option(KEEP[0]!, 'how many run folders of each kind to keep')
    .action(async (values: { keep?: string }) =>
      setCode(await actions.clean(keepRunsFrom(values.keep))),
    );
  program
    .command('analyze')
    .summary('judge a stored chaos run again')
    .description('Judge a stored chaos run again (its history.ndjson) and rewrite its reports.')
    .argument('<run-folder>', 'a folder of .wanlab/chaos/')
    .addHelpText('after', `\n${CHAOS_EXIT_CODES_HELP}`)
    .action(async (runFolder: string) => setCode(await actions.analyze(runFolder)));
}

/** Every command of `wanlab`, in the order `wanlab --help` lists them. */
export function addCommands(program: Command, actions: CliActions, setCode: SetCode): void {
  addCheck(program, actions, setCode);
  addUp(program, actions, setCode);
  addStatus(program, actions, setCode);
  addWanCopy(program, (options) => actions.wanCopy(options), setCode);
  addTest(program, actions, setCode);
  addConformance(program, actions, setCode);
  addMatrix(program, actions, setCode);
  addReport(program, actions, setCode);
  addImages(program, actions, setCode);
  addChaos(program, actions, setCode);
  addHousekeeping(program, actions, setCode);
  addMutate(program, actions, setCode);
}
