import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { connectDocker } from '../runtime/docker/connect-docker.js';
import { baseImageChoice, ensureImages } from '../runtime/image/ensure-images.js';
import { RUNTIME_ENV } from '../runtime/runtime-choice.js';
import type { RuntimeKind } from '../runtime/runtime.js';
import { projectRoot } from '../util/project-root.js';
import { requestedRuntime } from './runtime-option.js';
import { newRootSeed } from '../util/seed.js';

const require = createRequire(import.meta.url);

function cucumberBin(): string {
  const pkg = require.resolve('@cucumber/cucumber/package.json');
  return join(pkg, '..', 'bin', 'cucumber.js');
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
 * `wanlab test`: runs cucumber-js on the features with the project's configuration. One
 * root seed per run (WANLAB_SEED, or a new one), printed so a failure can be repeated.
 */
export async function runCucumber(args: string[], runtimeOption?: RuntimeKind): Promise<number> {
  const root = projectRoot();
  const runtime = requestedRuntime(runtimeOption);
  if (runtime === 'container') await prepareContainers();
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
        env: { ...process.env, WANLAB_SEED: seed, ...(runtime ? { [RUNTIME_ENV]: runtime } : {}) },
      },
    );
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}
