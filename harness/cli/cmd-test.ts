import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { projectRoot } from '../util/project-root.js';
import { newRootSeed } from '../util/seed.js';

const require = createRequire(import.meta.url);

function cucumberBin(): string {
  const pkg = require.resolve('@cucumber/cucumber/package.json');
  return join(pkg, '..', 'bin', 'cucumber.js');
}

/**
 * `wanlab test`: runs cucumber-js on the features with the project's configuration. One
 * root seed per run (WANLAB_SEED, or a new one), printed so a failure can be repeated.
 */
export function runCucumber(args: string[]): Promise<number> {
  const root = projectRoot();
  mkdirSync(join(root, 'reports'), { recursive: true });
  const seed = process.env.WANLAB_SEED ?? String(newRootSeed());
  process.stderr.write(`wanlab test: root seed ${seed} (repeat with WANLAB_SEED=${seed})\n`);
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', cucumberBin(), '--config', 'cucumber.mjs', ...args],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, WANLAB_SEED: seed },
      },
    );
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}
