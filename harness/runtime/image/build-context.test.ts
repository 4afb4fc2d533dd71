import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { contextDigest, writeContext, type ContextEntry } from './build-context.js';

function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'wanlab-context-'));
}

test('the digest changes with content, mode, path and build arguments, not with order', () => {
  const dir = scratchDir();
  try {
    const source = join(dir, 'f');
    writeFileSync(source, 'one');
    const entries: ContextEntry[] = [
      { kind: 'file', path: 'app/f', source, mode: 0o644 },
      { kind: 'dir', path: 'app', mode: 0o755 },
    ];
    const base = contextDigest(entries, 'FROM scratch', { A: '1' });
    assert.equal(contextDigest([...entries].reverse(), 'FROM scratch', { A: '1' }), base);
    assert.notEqual(contextDigest(entries, 'FROM scratch', { A: '2' }), base);
    assert.notEqual(contextDigest(entries, 'FROM scratch\n', { A: '1' }), base);
    const moved: ContextEntry[] = [{ ...entries[0]!, path: 'app/g' } as ContextEntry, entries[1]!];
    assert.notEqual(contextDigest(moved, 'FROM scratch', { A: '1' }), base);
    writeFileSync(source, 'two');
    assert.notEqual(contextDigest(entries, 'FROM scratch', { A: '1' }), base);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the context gets exact modes (/tmp 1777) and never changes the host file', () => {
  const dir = scratchDir();
  try {
    const source = join(dir, 'host-file');
    writeFileSync(source, 'content');
    chmodSync(source, 0o644);
    const root = join(dir, 'context');
    writeContext(root, [
      { kind: 'dir', path: 'runtime/tmp', mode: 0o1777 },
      { kind: 'file', path: 'app/same-mode', source, mode: 0o644 },
      { kind: 'file', path: 'app/other-mode', source, mode: 0o755 },
      { kind: 'content', path: 'app/package.json', content: '{}', mode: 0o644 },
    ]);
    assert.equal(statSync(join(root, 'runtime/tmp')).mode & 0o7777, 0o1777);
    assert.equal(statSync(join(root, 'app/other-mode')).mode & 0o7777, 0o755);
    assert.equal(readFileSync(join(root, 'app/same-mode'), 'utf8'), 'content');
    assert.equal(statSync(source).mode & 0o7777, 0o644, 'the host file keeps its mode');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
