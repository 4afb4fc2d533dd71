#!/usr/bin/env node
// The `wanlab` command. Runs the compiled harness; builds it first when the sources are newer
// than the last build (so `npx wanlab` works on a fresh clone right after `npm ci`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'harness', 'cli', 'main.js');
const stamp = join(root, 'dist', '.tsbuildinfo');

function newestSource(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (item.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!existsSync(entry) || !existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return ['engine', 'harness', 'steps', 'bench']
    .map((dir) => join(root, dir))
    .filter(existsSync)
    .some((dir) => newestSource(dir) > built);
}

if (stale()) {
  process.stderr.write('wanlab: building (sources changed since the last build)...\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-b', join(root, 'tsconfig.json')], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(entry);
