import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

/**
 * The keys every line of a process's logger carries (engine/log.ts `base`). A log call that
 * names one again writes it twice in one JSON line (the locators did: `member` was both the
 * locator and the member it spoke of).
 */
const BASE_KEYS = ['member', 'site'];

const engineDir = join(import.meta.dirname, '..', '..', 'engine');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The log calls of a source whose first argument, an object literal, names a base key. */
function repeatedBaseKeys(source: string): string[] {
  const call = /\.(?:trace|debug|info|warn|error|fatal)\(\s*\{([^}]*)\}/g;
  const named = (fields: string, key: string): boolean =>
    new RegExp(`(^|[\\s,{])${key}\\s*(:|,|$)`).test(fields);
  return [...source.matchAll(call)]
    .filter((m) => BASE_KEYS.some((key) => named(m[1]!, key)))
    .map((m) => m[0].replace(/\s+/g, ' '));
}

test('the check catches a base key named again, also across lines and as a shorthand', () => {
  assert.equal(repeatedBaseKeys(`logger.warn(\n  { member: m.name, uid },\n  'x')`).length, 1);
  assert.equal(repeatedBaseKeys(`this.#log.info({ uid, site }, 'x')`).length, 1);
  assert.deepEqual(repeatedBaseKeys(`logger.info({ peer: m.name, siteId: 2 }, 'x')`), []);
  assert.deepEqual(repeatedBaseKeys(`logger.info('member left')`), []);
});

test('no engine log call repeats a key of the logger base: one `member` per JSON line', () => {
  const offenders = sources(engineDir).flatMap((file) =>
    repeatedBaseKeys(readFileSync(file, 'utf8')).map((c) => `${relative(engineDir, file)}: ${c}`),
  );
  assert.deepEqual(offenders, [], 'name the other process `peer`, as site-cluster.ts does');
});
