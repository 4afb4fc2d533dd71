import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../../errors.js';
import { bareImports, packageClosure } from './package-closure.js';

function pkg(root: string, dir: string, json: Record<string, unknown>): void {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify(json));
}

/** app needs a (hoisted) and @s/b; b needs its own nested c@2; a has an absent optional. */
function tree(): string {
  const root = mkdtempSync(join(tmpdir(), 'wanlab-closure-'));
  pkg(root, '', { name: 'app' });
  pkg(root, 'node_modules/a', { name: 'a', optionalDependencies: { 'native-other-os': '1' } });
  pkg(root, 'node_modules/@s/b', { name: '@s/b', dependencies: { c: '2', a: '1' } });
  pkg(root, 'node_modules/@s/b/node_modules/c', { name: 'c', version: '2' });
  pkg(root, 'node_modules/c', { name: 'c', version: '1' });
  pkg(root, 'node_modules/unused', { name: 'unused' });
  return root;
}

test('bare imports: package names only, no relative paths or builtins', () => {
  const source = `import { x } from './local.js';
import fs from 'node:fs';
import { pino } from 'pino';
import { Type } from '@sinclair/typebox';
import path from 'path';
const m = await import('fastify/lib/x.js');
export { y } from "ajv";`;
  assert.deepEqual(bareImports(source).sort(), ['@sinclair/typebox', 'ajv', 'fastify', 'pino']);
});

test('bare imports: prose in comments and strings is not an import; multi-line imports are', () => {
  const source = `/**
 * Tells "no such path" (404) from "that path, another method" (405).
 */
// falls back from 'nothing'
export const label = "$";
export default 'x';
import {
  a,
  b,
} from 'multi-line';
import 'side-effect';
export * from 'star';
const text = "data from 'elsewhere'";`;
  assert.deepEqual(bareImports(source).sort(), ['multi-line', 'side-effect', 'star']);
});

test('closure: nested versions win, hoisted ones are shared, absent optionals are skipped', () => {
  const root = tree();
  try {
    assert.deepEqual(packageClosure(root, ['a', '@s/b']), [
      'node_modules/@s/b',
      'node_modules/@s/b/node_modules/c',
      'node_modules/a',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('closure: a required package that is not installed is an error naming who needs it', () => {
  const root = tree();
  pkg(root, 'node_modules/a', { name: 'a', dependencies: { missing: '1' } });
  try {
    assert.throws(
      () => packageClosure(root, ['a']),
      (error: unknown) => isHarnessError(error) && /missing \(needed by a\)/.test(error.message),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
