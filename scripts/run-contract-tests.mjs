#!/usr/bin/env node
// The engine contract suite: `npm run test:contract -- --engine <name>` (default: wanlab, or
// WANLAB_ENGINE). Runs dist/harness/contract-suite/engine-contract.suite.js with node's test
// runner on a small real deployment of that engine. Build first (`npm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const at = args.findIndex((a) => a === '--engine' || a.startsWith('--engine='));
const engine =
  at < 0 ? undefined : args[at] === '--engine' ? args[at + 1] : args[at].slice('--engine='.length);
if (at >= 0 && !engine) {
  console.error(
    'error WANLAB_USAGE: --engine needs a name\nhint: npm run test:contract -- --engine wanlab',
  );
  process.exit(2);
}
const suite = join('dist', 'harness', 'contract-suite', 'engine-contract.suite.js');
if (!existsSync(suite)) {
  console.error(`no compiled suite at ${suite}: run \`npm run build\` first`);
  process.exit(2);
}
const { isKnownEngine, knownEngines } = await import('../dist/harness/engines/index.js');
if (engine && !isKnownEngine(engine)) {
  console.error(
    `error WANLAB_USAGE: --engine names the engine "${engine}", which the harness does not know\nhint: known engines: ${knownEngines().join(', ')}`,
  );
  process.exit(2);
}
const env = { ...process.env, ...(engine ? { WANLAB_ENGINE: engine } : {}) };
// The Geode member program is built on first use (cached: a no-op when up to date).
if ((engine ?? process.env.WANLAB_ENGINE) === 'geode') {
  const setup = spawnSync('bash', ['scripts/setup-geode.sh'], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 2);
}
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', '--test-reporter=spec', suite],
  { stdio: 'inherit', env },
);
process.exit(result.status ?? 1);
