import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_ENV, parseEngineName } from '../harness/engines/engine-choice.js';
import { HarnessError, isHarnessError } from '../harness/errors.js';
import { projectRoot } from '../harness/util/project-root.js';
import type { Benchmark } from './bench-types.js';

/** Every benchmark, loaded only when asked for. Add yours here. */
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  sender: async () => (await import('./sender/sender-bench.js')).senderBenchmark,
  parallel: async () => (await import('./parallel/parallel-bench.js')).parallelBenchmark,
  startup: async () => (await import('./startup/startup-bench.js')).startupBenchmark,
  compression: async () =>
    (await import('./compression/compression-bench.js')).compressionBenchmark,
};

function usage(): string {
  return `usage: npm run bench -- <name> [--engine <name>[,<name>...]] [options]\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n`;
}

/**
 * `--engine <name>` picks the engine every benchmark deploys; it reaches Deployment.start as
 * WANLAB_ENGINE (the command line beats the environment, which beats the topology).
 * `--engine a,b` runs the benchmark's side-by-side comparison of those engines instead.
 */
function takeEngines(args: string[]): { rest: string[]; engines: string[] } {
  const at = args.findIndex((arg) => arg === '--engine' || arg.startsWith('--engine='));
  if (at < 0) return { rest: args, engines: [] };
  const arg = args[at]!;
  const value = arg === '--engine' ? args[at + 1] : arg.slice('--engine='.length);
  const engines = (value ?? '').split(',').map((name) => parseEngineName(name.trim(), '--engine'));
  if (new Set(engines).size !== engines.length) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `--engine ${value} names an engine twice`,
      'e.g. --engine wanlab,geode',
    );
  }
  if (engines.length === 1) process.env[ENGINE_ENV] = engines[0]!;
  return {
    rest: [...args.slice(0, at), ...args.slice(at + (arg === '--engine' ? 2 : 1))],
    engines,
  };
}

async function main(all: string[]): Promise<number> {
  const { rest: args, engines } = takeEngines(all);
  const [name, ...rest] = args;
  const load = name ? BENCHMARKS[name] : undefined;
  if (!load) {
    process.stderr.write(`${name ? `error WANLAB_USAGE: no benchmark "${name}"\n` : ''}${usage()}`);
    return 2;
  }
  const benchmark = await load();
  if (rest.includes('--help')) {
    process.stdout.write(`${benchmark.name}: ${benchmark.description}\n${benchmark.usage}\n`);
    return 0;
  }
  const comparing = engines.length > 1;
  if (comparing && !benchmark.compare) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `the ${benchmark.name} benchmark runs one engine at a time`,
      'give --engine one name',
    );
  }
  const report = comparing ? await benchmark.compare!(engines, rest) : await benchmark.run(rest);
  const dir = join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${[benchmark.name, ...(comparing ? engines : [])].join('-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isHarnessError(error)) {
      process.stderr.write(`${error.format()}\n`);
      process.exit(error.exitCode);
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`bench failed: ${message}\n`);
    process.exit(1);
  },
);
