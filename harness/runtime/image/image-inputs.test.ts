import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { test } from 'node:test';
import { contextRoots, engineImageInputs, imageTag, SCRATCH } from './image-inputs.js';

const paths = (inputs: ReturnType<typeof engineImageInputs>): string[] =>
  inputs.entries.map((e) => e.path);

test('the scratch engine image carries node, its libraries, /tmp, the engine and its packages', () => {
  const inputs = engineImageInputs(SCRATCH);
  const all = paths(inputs);
  assert.ok(all.includes('runtime/usr/local/bin/node'));
  assert.ok(all.some((p) => /^runtime\/.*libc\.so/.test(p)));
  assert.ok(all.includes('runtime/tmp'));
  assert.ok(all.includes('app/dist/engine/member/main.js'));
  assert.ok(all.includes('app/node_modules/fastify/package.json'));
  assert.ok(all.includes('app/package.json'));
  assert.deepEqual(inputs.buildArgs, { BASE_IMAGE: 'scratch', RUNTIME_DIR: 'runtime' });
  assert.deepEqual(contextRoots(inputs), ['app', 'base-runtime', 'runtime']);
});

// The image once shipped dist/engine without dist/contract, and every member died on start:
// every relative import of every file the image carries must resolve inside the image.
test('every relative import of the compiled files in the image resolves to a file in the image', () => {
  const entries = engineImageInputs(SCRATCH).entries;
  const inImage = new Set(entries.map((e) => e.path));
  const missing: string[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'file' || !/^app\/dist\/.*\.js$/.test(entry.path)) continue;
    const text = readFileSync(entry.source, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = posix.normalize(posix.join(posix.dirname(entry.path), match[1]!));
      if (!inImage.has(target)) missing.push(`${entry.path} -> ${target}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('the engine image leaves out tests and every package the engine does not import', () => {
  const all = paths(engineImageInputs(SCRATCH));
  assert.equal(all.filter((p) => /^app\/dist\/.*\.test\.js$/.test(p)).length, 0);
  for (const harnessOnly of ['testcontainers', '@cucumber/cucumber', 'execa', 'typescript']) {
    assert.equal(all.filter((p) => p.startsWith(`app/node_modules/${harnessOnly}/`)).length, 0);
  }
  assert.equal(all.filter((p) => p.includes('/.bin/')).length, 0);
});

test('with a node base image the context has no runtime files and builds from base-runtime/', () => {
  const inputs = engineImageInputs('node:20-slim');
  assert.equal(paths(inputs).filter((p) => p.startsWith('runtime/')).length, 0);
  assert.deepEqual(
    paths(inputs).filter((p) => p.startsWith('base-runtime/') && !p.endsWith('etc')),
    ['base-runtime/etc/wanlab-runtime'],
  );
  assert.deepEqual(inputs.buildArgs, { BASE_IMAGE: 'node:20-slim', RUNTIME_DIR: 'base-runtime' });
});

test('tags carry the project version and the digest', () => {
  assert.match(
    imageTag(engineImageInputs(SCRATCH), 'abcdef0123456789'),
    /^wanlab\/engine:\d+\.\d+\.\d+.*-abcdef012345$/,
  );
});
