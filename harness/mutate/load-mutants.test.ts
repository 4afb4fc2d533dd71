import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { loadClauses } from '../report/clause-catalogue.js';
import { projectRoot } from '../util/project-root.js';
import { applyEdits } from './apply-edit.js';
import { loadMutants, mutantsDir, parseMutant, selectMutants } from './load-mutants.js';
import { MutantError } from './mutant-error.js';
import { mutantEdits } from './mutant-schema.js';

const CLAUSES = new Set(['QUEUE-5', 'CONS-4']);

const VALID = `clause: QUEUE-5
bug: conflation also swallows creates
file: engine/gateway/queue/tiered-queue.ts
find: "if (event.op !== 'update') {"
replace: "if (event.op === 'destroy') {"
alsoRun: ['@clause:ARCH-3']
`;

function problems(text: string, file = 'mutants/queue-5-x.yaml'): string {
  try {
    parseMutant(text, file, CLAUSES);
  } catch (error) {
    assert.ok(error instanceof MutantError, String(error));
    assert.equal(error.code, 'WANLAB_MUTANT_INVALID');
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('the mutant was accepted');
}

test('a valid mutant loads with its name from the file name', () => {
  const mutant = parseMutant(VALID, 'mutants/queue-5-x.yaml', CLAUSES);
  assert.equal(mutant.name, 'queue-5-x');
  assert.equal(mutant.clause, 'QUEUE-5');
  assert.deepEqual(mutant.alsoRun, ['@clause:ARCH-3']);
});

test('an unknown field is reported at its line and column', () => {
  const message = problems(`${VALID}severity: high\n`);
  assert.match(message, /mutants\/queue-5-x\.yaml:7:1 severity: /);
});

test('a missing field, a clause not in the catalogue, a file outside engine/', () => {
  assert.match(problems(VALID.replace(/^find: .*\n/m, '')), /find/);
  assert.match(
    problems(VALID.replace('QUEUE-5', 'QUEUE-99')),
    /:1:1 clause: clause "QUEUE-99" is not in/,
  );
  assert.match(
    problems(VALID.replace('engine/gateway/queue/tiered-queue.ts', 'harness/x.ts')),
    /:3:1 file: /,
  );
});

test('a mutant may edit the contract and the harness topology checks, not the rest', () => {
  for (const file of ['contract/config-rules.ts', 'harness/topology/path-rules.ts']) {
    assert.equal(
      parseMutant(
        VALID.replace('engine/gateway/queue/tiered-queue.ts', file),
        'mutants/queue-5-x.yaml',
        CLAUSES,
      ).file,
      file,
    );
  }
  assert.match(
    problems(VALID.replace('engine/gateway/queue/tiered-queue.ts', 'harness/mutate/run-mutant.ts')),
    /:3:1 file: /,
  );
});

test('a replace equal to find, a two-line bug, a bad file name', () => {
  assert.match(
    problems(VALID.replace(`"if (event.op === 'destroy') {"`, `"if (event.op !== 'update') {"`)),
    /changes nothing/,
  );
  assert.match(
    problems(VALID.replace('bug: conflation', 'bug: |\n  conflation\n  swallows')),
    /bug/,
  );
  assert.match(problems(VALID, 'mutants/Queue 5.yaml'), /not a mutant name/);
});

test('moreEdits: further edits of the file, each changing something', () => {
  const more = `${VALID}moreEdits:\n  - { find: 'a', replace: 'b' }\n`;
  assert.deepEqual(parseMutant(more, 'mutants/queue-5-x.yaml', CLAUSES).moreEdits, [
    { find: 'a', replace: 'b' },
  ]);
  assert.match(
    problems(more.replace("replace: 'b'", "replace: 'a'")),
    /moreEdits\[0\]\.replace: .*changes nothing/,
  );
  assert.match(problems(`${VALID}moreEdits: []\n`), /moreEdits/);
});

test('YAML syntax errors carry file, line and column', () => {
  assert.match(problems('clause: [QUEUE-5\n'), /mutants\/queue-5-x\.yaml:\d+:\d+ .*YAML syntax/);
});

test('--clause and --mutant select; selecting nothing is a usage error naming the mutants', () => {
  const a = parseMutant(VALID, 'mutants/queue-5-a.yaml', CLAUSES);
  const b = { ...a, name: 'cons-4-b', clause: 'CONS-4' };
  assert.deepEqual(selectMutants([a, b], { clauses: ['CONS-4'] }), [b]);
  assert.deepEqual(selectMutants([a, b], { names: ['queue-5-a'] }), [a]);
  assert.deepEqual(selectMutants([a, b], { clauses: ['CONS-4', 'QUEUE-5'] }), [a, b]);
  assert.throws(() => selectMutants([a, b], { names: ['queue-5-a', 'nope'] }), /nope/);
  assert.throws(
    () => selectMutants([a, b], { clauses: ['HA-3'] }),
    (error: unknown) =>
      isHarnessError(error) &&
      error.code === 'WANLAB_USAGE' &&
      /queue-5-a, cons-4-b/.test(error.hint),
  );
});

test("the project's mutants load, name clauses of the catalogue, and each find occurs once", () => {
  const root = projectRoot();
  const mutants = loadMutants(mutantsDir(root), new Set(loadClauses().map((c) => c.id)));
  assert.ok(mutants.length >= 1);
  const stale = mutants.flatMap((m) => {
    const edit = applyEdits(readFileSync(join(root, m.file), 'utf8'), mutantEdits(m));
    return edit.kind === 'stale' ? [`${m.name}: ${edit.reason}`] : [];
  });
  assert.deepEqual(stale, [], 'stale mutants: update their find to the current source');
});
