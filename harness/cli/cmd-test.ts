import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkFeatures, type PlannedScenario } from '../features/preflight.js';
import { connectDocker } from '../runtime/docker/connect-docker.js';
import { baseImageChoice, ensureImages } from '../runtime/image/ensure-images.js';
import { ENGINE_ENV, requestedEngine } from '../engines/engine-choice.js';
import { RUNTIME_ENV } from '../runtime/runtime-choice.js';
import type { RuntimeKind } from '../runtime/runtime.js';
import { writeCucumberHtml } from '../report/cucumber-html.js';
import { readCucumberResults } from '../report/cucumber-results.js';
import { CUCUMBER_HTML } from '../report/evidence-links.js';
import { distinctEngines, poolSummary, poolSummaryLine } from '../report/run-evidence.js';
import { SCHEDULE_ENV, encodePlan, planOf } from '../schedule/schedule-plan.js';
import type { Shard } from '../schedule/shard.js';
import { removeShardRecord, selectShard, writeShardRecord } from '../schedule/shard-run.js';
import { maxWorkers, workerCount } from '../schedule/worker-count.js';
import { projectRoot } from '../util/project-root.js';
import { reportsDir } from '../util/reports-dir.js';
import { newRootSeed } from '../util/seed.js';
import { requestedRuntime } from './harness-options.js';

const require = createRequire(import.meta.url);

export { reportsDir };

/** Where cucumber.mjs has the message formatter write (the reports read it). */
export function messagesFile(): string {
  return join(reportsDir(), 'cucumber-messages.ndjson');
}

export interface SuiteOptions {
  /** --runtime: overrides every topology's runtime (else WANLAB_RUNTIME, else the file's). */
  runtime?: RuntimeKind;
  /** --engine: overrides every topology's engine (else WANLAB_ENGINE, else the file's). */
  engine?: string;
  /** --shard i/n: run share i of n of the scenarios (whole topologies per share). */
  shard?: Shard;
}

export interface PreparedRun {
  scenarios: PlannedScenario[];
  cucumberArgs: string[];
}

/**
 * Before cucumber starts: checks the features, picks this shard's scenarios, clears the
 * previous run's messages and records (shard.json) which share this run is and its seed.
 */
export async function prepareRun(args: string[], options: SuiteOptions): Promise<PreparedRun> {
  const planned = await checkFeatures(args);
  const { scenarios, cucumberArgs } = await selectShard(args, planned, options.shard);
  rmSync(messagesFile(), { force: true });
  mkdirSync(reportsDir(), { recursive: true });
  removeShardRecord(reportsDir());
  process.env.WANLAB_SEED ??= String(newRootSeed());
  const engine = requestedEngine(options.engine);
  writeShardRecord(reportsDir(), {
    shard: options.shard ?? { index: 1, count: 1 },
    scenarios: scenarios.length,
    seed: process.env.WANLAB_SEED,
    ...(engine ? { engine } : {}),
  });
  return { scenarios, cucumberArgs };
}

/**
 * Before cucumber starts: fail at once (exit 2) without Docker, and build changed images
 * here, once, rather than in every parallel worker.
 */
async function prepareContainers(): Promise<void> {
  const client = await connectDocker();
  const statuses = await ensureImages(client, {
    stateDir: join(projectRoot(), '.wanlab'),
    baseImage: baseImageChoice(),
    onBuild: (kind, tag) =>
      process.stderr.write(`wanlab test: building the ${kind} image ${tag}...\n`),
  });
  process.stderr.write(
    `wanlab test: container runtime, images ${statuses.map((s) => s.tag).join(', ')}\n`,
  );
}

/**
 * `wanlab test`: checks the features (undefined steps, unknown clause tags), then runs
 * cucumber-js on them with the project's configuration and prints how the deployments were
 * obtained. Any cucumber option works.
 */
export async function runTest(args: string[], options: SuiteOptions = {}): Promise<number> {
  const { scenarios, cucumberArgs } = await prepareRun(args, options);
  if (scenarios.length === 0 && options.shard) {
    process.stderr.write('wanlab test: nothing to run in this shard\n');
    return 0;
  }
  const startedMs = performance.now();
  const code = await runCucumber(cucumberArgs, options, scenarios);
  if (existsSync(messagesFile())) {
    const results = readCucumberResults(messagesFile());
    process.stderr.write(`${runSummary(results, performance.now() - startedMs)}\n`);
  }
  return code;
}

function runSummary(results: ReturnType<typeof readCucumberResults>, elapsedMs: number): string {
  const engines = distinctEngines(results.evidence)
    .map((e) => `${e.name} ${e.version}`)
    .join(' + ');
  const notApplicable = results.scenarios.filter((s) => s.status === 'not-applicable').length;
  return [
    `wanlab test: ${results.scenarios.filter((s) => s.status !== 'not-run').length} scenarios in ${(elapsedMs / 1000).toFixed(1)} s${notApplicable > 0 ? ` (${notApplicable} not applicable on this engine)` : ''}`,
    poolSummaryLine(poolSummary(results.evidence)),
    `engine ${engines || 'none started'}`,
  ].join('; ');
}

function cucumberBin(): string {
  const pkg = require.resolve('@cucumber/cucumber/package.json');
  return join(pkg, '..', 'bin', 'cucumber.js');
}

/**
 * Runs cucumber-js as a child process on the scenarios the pre-flight check planned: in
 * parallel workers when there are enough of them (unless --parallel says otherwise), with
 * each topology kept on the workers that run it. One root seed per run (WANLAB_SEED, or a
 * new one), printed so a failure can be repeated; the runtime choice and the schedule reach
 * the workers through the environment.
 */
export async function runCucumber(
  args: string[],
  options: SuiteOptions,
  scenarios: readonly PlannedScenario[],
): Promise<number> {
  const root = projectRoot();
  const runtime = requestedRuntime(options.runtime);
  const engine = requestedEngine(options.engine);
  if (runtime === 'container') await prepareContainers();
  mkdirSync(reportsDir(), { recursive: true });
  const seed = process.env.WANLAB_SEED ?? String(newRootSeed());
  const plan = planOf(scenarios);
  const userChoseWorkers = args.some((a) => a === '--parallel' || a.startsWith('--parallel='));
  const workers = userChoseWorkers ? undefined : workerCount(plan, scenarios.length, maxWorkers());
  process.stderr.write(
    `wanlab test: root seed ${seed} (repeat with WANLAB_SEED=${seed}); ${scenarios.length} scenarios${workers === undefined ? '' : ` on ${workers} worker${workers === 1 ? '' : 's'}`}\n`,
  );
  const parallel = workers !== undefined && workers > 1 ? ['--parallel', String(workers)] : [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', cucumberBin(), '--config', 'cucumber.mjs', ...parallel, ...args],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          WANLAB_SEED: seed,
          [SCHEDULE_ENV]: encodePlan(plan),
          ...(runtime ? { [RUNTIME_ENV]: runtime } : {}),
          ...(engine ? { [ENGINE_ENV]: engine } : {}),
        },
      },
    );
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
  // cucumber.html again, with each scenario's @scenario: tag for the reports' exact links
  if (existsSync(messagesFile()))
    await writeCucumberHtml(messagesFile(), join(reportsDir(), CUCUMBER_HTML));
  return code;
}
