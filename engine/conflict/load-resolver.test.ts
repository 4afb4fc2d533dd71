import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isEngineError } from '../errors.js';
import { loadResolver } from './load-resolver.js';
import type { WanConflict } from '../../contract/resolver-api.js';

const dir = mkdtempSync(join(tmpdir(), 'wanlab-resolver-'));
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function module(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const conflict: WanConflict = {
  region: 'r',
  key: 'k',
  operation: 'update',
  oldValue: 'a',
  oldDestroyed: false,
  newValue: 'b',
  oldTimestamp: 1000,
  newTimestamp: 2000,
  oldDsid: 1,
  newDsid: 2,
  byDefault: 'allow',
};

async function loadError(file: string, options = {}): Promise<Error> {
  try {
    await loadResolver('data', { module: file, options });
  } catch (error) {
    assert.ok(isEngineError(error), `expected an EngineError, got ${String(error)}`);
    assert.equal(error.code, 'WAN_ERR_RESOLVER_INVALID');
    return error;
  }
  assert.fail(`${file} loaded`);
}

test('a JavaScript module exporting createResolver is loaded with its options', async () => {
  const file = module(
    'echo.mjs',
    'export function createResolver(o) { return { resolve: () => ({ kind: o.answer }) }; }',
  );
  const resolver = await loadResolver('data', { module: file, options: { answer: 'disallow' } });
  assert.deepEqual(resolver.resolve(conflict), { kind: 'disallow' });
});

test('a TypeScript module is loaded too (the prefer-site example)', async () => {
  const resolver = await loadResolver('data', {
    module: join(projectRoot, 'topologies', 'resolvers', 'prefer-site.ts'),
    options: { preferredSite: 1, windowMs: 5000 },
  });
  // Site 1 is preferred within the window, even though site 2's write is later.
  assert.deepEqual(resolver.resolve(conflict), { kind: 'disallow' });
  assert.deepEqual(resolver.resolve({ ...conflict, newTimestamp: 9000 }), { kind: 'allow' });
});

test('a missing module fails naming the file and the region', async () => {
  const error = await loadError(join(dir, 'nowhere.mjs'));
  assert.match(error.message, /nowhere\.mjs of region "data" does not exist/);
});

test('a module that does not load fails naming the file', async () => {
  const error = await loadError(module('broken.mjs', 'export const x = ;'));
  assert.match(error.message, /broken\.mjs of region "data" cannot be loaded/);
});

test('a module without createResolver fails naming the file', async () => {
  const error = await loadError(module('other.mjs', 'export function resolve() {}'));
  assert.match(error.message, /other\.mjs .* does not export a function createResolver/);
});

test('createResolver rejecting its options, or returning no resolve, fails', async () => {
  const picky = module(
    'picky.mjs',
    'export function createResolver() { throw new Error("windowMs missing"); }',
  );
  assert.match(
    (await loadError(picky, { a: 1 })).message,
    /rejected its options.*windowMs missing/,
  );
  const empty = module('empty.mjs', 'export function createResolver() { return {}; }');
  assert.match((await loadError(empty)).message, /does not return an object with resolve/);
});
