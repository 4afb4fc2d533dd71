import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';
import { MUTABLE_DIRS } from './mutant-schema.js';

/** What a mutant's copy never needs, or shares with the project by a link. */
const NOT_COPIED = new Set(['.git', '.wanlab', 'reports', 'runs', 'node_modules', 'tools']);
const LINKED = ['node_modules', 'tools'];

/**
 * A copy of the project in a temporary folder, where mutants are applied, built and run so
 * that the project's own engine is never changed. dist/ is copied with its build info, so
 * each mutant's build compiles only what its edit changed; node_modules/ and tools/ are
 * links to the project's.
 */
export function createWorkspace(root: string): string {
  if (!existsSync(join(root, 'dist', '.tsbuildinfo'))) {
    throw new HarnessError(
      'WANLAB_MUTATE_FAILED',
      'the project is not built (no dist/.tsbuildinfo)',
      'run `npm run build` first (`npm run mutate` does)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-mutate-'));
  for (const entry of readdirSync(root)) {
    if (NOT_COPIED.has(entry)) continue;
    cpSync(join(root, entry), join(dir, entry), { recursive: true, preserveTimestamps: true });
  }
  for (const entry of LINKED) {
    if (existsSync(join(root, entry))) symlinkSync(join(root, entry), join(dir, entry));
  }
  writeFileSync(join(dir, ENGINE_TSCONFIG), `${JSON.stringify(ENGINE_BUILD, null, 2)}\n`);
  return dir;
}

/**
 * A mutant changes the engine, the contract or the harness's topology checks: its build
 * compiles those (and what they import) into the same dist/, with its own build info, not
 * the steps, bench or the rest of the harness. One configuration for every mutant, so its
 * build info always knows what the last mutant left in dist/.
 */
export const ENGINE_TSCONFIG = 'tsconfig.mutate.json';
const ENGINE_BUILD = {
  extends: './tsconfig.json',
  compilerOptions: { tsBuildInfoFile: 'dist/.mutate.tsbuildinfo' },
  include: [...MUTABLE_DIRS],
};

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
