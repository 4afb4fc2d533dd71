#!/usr/bin/env node
// Runs every compiled unit test (dist/**/*.test.js) with node's built-in test runner.
// `--docker` runs the tests that need a Docker engine instead (dist/**/*.docker-test.js).
// Build first (`npm run build`); `npm test` does.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const docker = process.argv.includes('--docker');
const suffix = docker ? '.docker-test.js' : '.test.js';
const passThrough = process.argv.slice(2).filter((arg) => arg !== '--docker');

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findTests(path);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

const roots = ['contract', 'engine', 'harness', 'steps', 'bench'].map((root) => join('dist', root));
const files = roots.flatMap(findTests).sort();
if (files.length === 0) {
  console.error(`no compiled tests (*${suffix}) under dist/: run \`npm run build\` first`);
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', ...passThrough, ...files],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
