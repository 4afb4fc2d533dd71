import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../util/project-root.js';
import { dryRun } from './dry-run.js';
import {
  documentedSteps,
  normalizeDocumented,
  normalizeExpression,
  undocumentedSteps,
} from './documented-steps.js';
import { definedSteps } from './feature-check.js';

test('a placeholder row and its expression normalize alike', () => {
  assert.equal(
    normalizeDocumented(
      'When I put <n> entries with prefix "<p>" in region "<region>" at site {site}',
    ),
    normalizeExpression(
      'I put {int} entries with prefix {string} in region {string} at site {site}',
    ),
  );
  assert.equal(
    normalizeDocumented('Then it takes <ms> ms'),
    normalizeExpression('it takes {float} ms'),
  );
  assert.notEqual(
    normalizeDocumented('Then it takes <ms> ms'),
    normalizeExpression('it takes {string} ms'),
  );
});

test('a step missing from the text is reported, a documented one is not', () => {
  const markdown =
    '| `When I put "<key>" = "<value>" in region "<region>"` |\n| `Then it is {string}` |';
  const steps = [
    { expression: 'I put {string} = {string} in region {string}', uri: 'a.ts', line: 1 },
    { expression: 'it is {string}', uri: 'b.ts', line: 2 },
    { expression: 'I destroy {string}', uri: 'c.ts', line: 3 },
  ];
  assert.equal(documentedSteps(markdown).size, 2);
  assert.deepEqual(
    undocumentedSteps(steps, markdown).map((s) => s.uri),
    ['c.ts'],
  );
});

test('every step definition is documented in features/README.md', async () => {
  const readme = readFileSync(join(projectRoot(), 'features', 'README.md'), 'utf8');
  const defined = definedSteps(await dryRun([]));
  assert.ok(defined.length > 10, `only ${defined.length} step definitions were found`);
  const missing = undocumentedSteps(defined, readme);
  assert.deepEqual(
    missing.map((s) => `${sourceOf(s.uri)}: \`${s.expression}\``),
    [],
    'these steps are not in features/README.md: add a row for each (placeholders like "<key>" are fine)',
  );
});

/** Step definitions are loaded compiled: name the TypeScript file they come from. */
function sourceOf(uri: string): string {
  return uri.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}
