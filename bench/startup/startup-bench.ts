import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeploymentInfo } from '../../harness/deployment/deployment-info.js';
import { STARTUP_PHASES, type StartupTimings } from '../../harness/deployment/startup-timings.js';
import { HarnessError } from '../../harness/errors.js';
import { projectRoot } from '../../harness/util/project-root.js';
import type { Benchmark, BenchReport } from '../bench-types.js';
import { machineInfo } from '../machine.js';
import { spread, type Spread } from '../stats.js';

interface Options {
  repeat: number;
  topology: string;
}

/** Issue 19: `wanlab up topologies/two-site.yaml` until its control URLs are printed. */
const GOAL_UP_MS = 2000;
const UP_TIMEOUT_MS = 120_000;

const USAGE = `options:
  --repeat R          starts to time (default 5)
  --topology <file>   the topology to start (default topologies/two-site.yaml)`;

function parseOptions(args: readonly string[]): Options {
  const at = args.indexOf('--repeat');
  const repeat = at < 0 ? 5 : Number(args[at + 1]);
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `--repeat needs a positive integer, not "${args[at + 1] ?? ''}"`,
      USAGE.replace(/\s+/g, ' '),
    );
  }
  const topologyAt = args.indexOf('--topology');
  const topology = topologyAt < 0 ? 'topologies/two-site.yaml' : (args[topologyAt + 1] ?? '');
  return { repeat, topology };
}

/** One start: what `wanlab up --json` measured, and the wall time until its line came. */
interface UpSample {
  upWallMs: number;
  info: DeploymentInfo;
}

/** Runs `wanlab up --json`, waits for its line, stops it with SIGTERM, waits for it to exit. */
function timeUp(topology: string): Promise<UpSample> {
  const startedMs = performance.now();
  const child = spawn(
    process.execPath,
    [join(projectRoot(), 'bin', 'wanlab.js'), 'up', topology, '--json'],
    {
      cwd: projectRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<UpSample>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`wanlab up printed nothing in ${UP_TIMEOUT_MS} ms:\n${stderr}`));
    }, UP_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (!stdout.includes('\n') || !line) return;
      const upWallMs = performance.now() - startedMs;
      clearTimeout(timer);
      child.once('exit', () => resolve({ upWallMs, info: JSON.parse(line) as DeploymentInfo }));
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!stdout.includes('\n')) reject(new Error(`wanlab up exited (${code}):\n${stderr}`));
    });
  });
}

/** The `startup` figures one wanlab process logged, in ms since it began. */
interface ProcessParts {
  role: 'member' | 'locator';
  parts: Record<string, number>;
}

/** What every wanlab process of a start logged (none for an engine that does not). */
function processParts(runDir: string): ProcessParts[] {
  const logs = join(runDir, 'logs');
  return readdirSync(logs)
    .filter((file) => file.endsWith('.log') && !file.endsWith('.console.log'))
    .flatMap((file) => readFileSync(join(logs, file), 'utf8').split('\n'))
    .filter((line) => line.includes('"startup"'))
    .flatMap((line) => {
      const entry = JSON.parse(line) as { msg?: string; startup?: Record<string, number> };
      if (!entry.startup) return [];
      const role = entry.msg === 'locator ready' ? ('locator' as const) : ('member' as const);
      return [{ role, parts: entry.startup }];
    });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per part, the median over the processes of one role in one start, then over the starts. */
function partsSummary(
  samples: ProcessParts[][],
  role: ProcessParts['role'],
): Record<string, Spread> {
  const names = new Set(
    samples.flatMap((s) => s.filter((p) => p.role === role).flatMap((p) => Object.keys(p.parts))),
  );
  return Object.fromEntries(
    [...names].map((name) => [
      name,
      spread(
        samples.map((s) => median(s.filter((p) => p.role === role).map((p) => p.parts[name] ?? 0))),
      ),
    ]),
  );
}

async function run(args: readonly string[]): Promise<BenchReport> {
  const options = parseOptions(args);
  const machine = machineInfo();
  const samples: UpSample[] = [];
  const parts: ProcessParts[][] = [];
  for (let i = 0; i < options.repeat; i++) {
    const sample = await timeUp(options.topology);
    samples.push(sample);
    parts.push(processParts(sample.info.runDir));
    process.stderr.write(
      `[bench startup] ${i + 1}/${options.repeat}: up printed after ${Math.round(sample.upWallMs)} ms (deployment ${sample.info.startedInMs} ms)\n`,
    );
  }
  const timings = samples.flatMap((s) => (s.info.startup ? [s.info.startup] : []));
  const upWallMs = spread(samples.map((s) => Math.round(s.upWallMs)));
  return {
    benchmark: 'startup',
    command: `npm run bench -- startup ${args.join(' ')}`.trim(),
    startedAt: new Date().toISOString(),
    machine,
    settings: {
      repeat: options.repeat,
      topology: options.topology,
      engine: samples[0]?.info.engine,
      method:
        'spawn `node bin/wanlab.js up <topology> --json`, time until its JSON line (the control URLs) arrives, SIGTERM it; the deployment phases come from its startup record, the processes’ own parts from their "member started" / "locator ready" log lines',
    },
    summary: {
      upWallMs,
      /** Node's start, wanlab's modules and the topology's loading, before the deployment starts. */
      beforeDeploymentMs: spread(samples.map((s) => Math.round(s.upWallMs - s.info.startedInMs))),
      deploymentMs: spread(samples.map((s) => s.info.startedInMs)),
      phasesMs: phaseSummary(timings),
      slowestProcessHealthyMs: spread(
        timings.map((t) => Math.max(...t.processes.map((p) => p.launchMs + p.healthyMs))),
      ),
      memberPartsMs: partsSummary(parts, 'member'),
      locatorPartsMs: partsSummary(parts, 'locator'),
      goal: { upWallMs: GOAL_UP_MS, met: upWallMs.median < GOAL_UP_MS },
    },
  };
}

function phaseSummary(timings: StartupTimings[]): Record<string, Spread> {
  return Object.fromEntries(
    STARTUP_PHASES.map((phase) => [phase, spread(timings.map((t) => t.phases[phase]))]),
  );
}

export const startupBenchmark: Benchmark = {
  name: 'startup',
  description:
    'how long `wanlab up` takes until its control URLs are printed, and where the time goes (issue 19)',
  usage: USAGE,
  run,
};
