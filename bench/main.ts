import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_ENV, parseEngineName } from '../harness/engines/engine-choice.js';
import { isHarnessError } from '../harness/errors.js';
import { projectRoot } from '../harness/util/project-root.js';
import type { Benchmark } from './bench-types.js';

/** Every benchmark, loaded only when asked for. Add yours here. */
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  sender: async () => (await import('./sender/sender-bench.js')).senderBenchmark,
  parallel: async () => (await import('./parallel/parallel-bench.js')).parallelBenchmark,
};

function usage(): string {
  return `usage: npm run bench -- <name> [--engine <name>] [options]\nbenchmarks: ${Object.keys(BENCHMARKS).join(', ')}\n`;
}

/**
 * `--engine <name>` picks the engine every benchmark deploys; it reaches Deployment.start as
 * WANLAB_ENGINE (the command line beats the environment, which beats the topology).
 */
function takeEngine(args: string[]): string[] {
  const at = args.findIndex((arg) => arg === '--engine' || arg.startsWith('--engine='));
  if (at < 0) return args;
  const arg = args[at]!;
  const value = arg === '--engine' ? args[at + 1] : arg.slice('--engine='.length);
  process.env[ENGINE_ENV] = parseEngineName(value ?? '', '--engine');
  return [...args.slice(0, at), ...args.slice(at + (arg === '--engine' ? 2 : 1))];
}

async function main(all: string[]): Promise<number> {
  const [name, ...rest] = takeEngine(all);
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
  const report = await benchmark.run(rest);
  const dir = join(projectRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${benchmark.name}.json`);
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
