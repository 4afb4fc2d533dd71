#!/usr/bin/env node
// Runs every compiled unit test (dist/**/*.test.js) with node's built-in test runner.
// Build first (`npm run build`); `npm test` does.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith('.test.js') ? [path] : [];
  });
}

const roots = ['engine', 'harness', 'steps', 'bench'].map((root) => join('dist', root));
const files = roots.flatMap(findTests).sort();
if (files.length === 0) {
  console.error('no compiled unit tests under dist/: run `npm run build` first');
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', ...process.argv.slice(2), ...files],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
