import { join } from 'node:path';
import type { EngineRole, LaunchCommand } from '../../runtime/runtime.js';
import { ENGINE_APP_DIR } from '../../runtime/image/image-inputs.js';
import { distDir, projectRoot } from '../../util/project-root.js';
import { freshBundle } from './engine-bundle.js';

/** The compiled entry point of a wanlab locator or member, under a dist/ folder. */
function entryPoint(dist: string, role: EngineRole): string {
  return join(dist, 'engine', role, 'main.js');
}

/**
 * How a wanlab process runs: node on the compiled engine with its configuration file. As a
 * child of the harness it also stops when its stdin closes (the harness went away); in a
 * container it is PID 1 and stops on the runtime's SIGTERM.
 */
export function wanlabCommand(role: EngineRole, configPath: string): LaunchCommand {
  return {
    process: [
      process.execPath,
      '--enable-source-maps',
      // One file starts faster than hundreds of modules (issue 19); dist/ when it is stale.
      freshBundle(projectRoot(), role) ?? entryPoint(distDir(), role),
      '--config',
      configPath,
      '--exit-when-stdin-closes',
    ],
    container: [entryPoint(join(ENGINE_APP_DIR, 'dist'), role), '--config', configPath],
    env: { NODE_ENV: 'production' },
  };
}
