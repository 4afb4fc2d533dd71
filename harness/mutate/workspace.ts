import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HarnessError } from '../errors.js';

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
  return dir;
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
