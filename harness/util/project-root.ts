import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The folder holding wanlab's package.json, whether we run from dist/ or from sources. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the wanlab project root');
    dir = parent;
  }
  cached = dir;
  return dir;
}

/** Compiled JavaScript lives here; the engine always runs from it. */
export function distDir(): string {
  return join(projectRoot(), 'dist');
}
