import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshBundle } from './engine-bundle.js';

function project(): { root: string; touch: (path: string, atS: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'wanlab-bundle-'));
  mkdirSync(join(root, 'dist', 'bundle'), { recursive: true });
  mkdirSync(join(root, 'dist', 'engine', 'member'), { recursive: true });
  const touch = (path: string, atS: number): void => {
    writeFileSync(join(root, path), '');
    utimesSync(join(root, path), atS, atS);
  };
  writeFileSync(
    join(root, 'dist', 'bundle', 'member.inputs.json'),
    JSON.stringify({
      bundle: 'dist/bundle/member.mjs',
      inputs: ['dist/engine/member/main.js', 'dist/engine/clock.js'],
    }),
  );
  return { root, touch };
}

test('a bundle newer than every input it was made from is used', () => {
  const { root, touch } = project();
  touch('dist/engine/member/main.js', 1000);
  touch('dist/engine/clock.js', 1000);
  touch('dist/bundle/member.mjs', 2000);
  assert.equal(freshBundle(root, 'member'), join(root, 'dist/bundle/member.mjs'));
});

test('one input compiled after the bundle (a rebuild, a mutant) makes it stale', () => {
  const { root, touch } = project();
  touch('dist/engine/member/main.js', 1000);
  touch('dist/engine/clock.js', 3000);
  touch('dist/bundle/member.mjs', 2000);
  assert.equal(freshBundle(root, 'member'), undefined);
});

test('a missing input, bundle or record means no bundle', () => {
  const { root, touch } = project();
  touch('dist/engine/member/main.js', 1000);
  touch('dist/bundle/member.mjs', 2000);
  assert.equal(freshBundle(root, 'member'), undefined, 'clock.js is missing');
  touch('dist/engine/clock.js', 1000);
  assert.equal(freshBundle(root, 'locator'), undefined, 'no locator record');
  writeFileSync(join(root, 'dist', 'bundle', 'member.inputs.json'), '{ not json');
  assert.equal(freshBundle(root, 'member'), undefined, 'unreadable record');
});
