import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../util/project-root.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

test('no unit test lives under steps/: cucumber imports every compiled file there and would run it', () => {
  const steps = join(projectRoot(), 'steps');
  const tests = filesUnder(steps)
    .filter((file) => /\.(docker-)?test\.ts$/.test(file))
    .map((file) => relative(projectRoot(), file));
  assert.deepEqual(tests, [], 'move them beside the module they test under harness/');
});
