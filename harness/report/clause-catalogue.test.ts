import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import {
  clauseIdsOf,
  loadCatalogue,
  loadClauses,
  parseCatalogue,
  seedClauses,
} from './clause-catalogue.js';
import { sourceLegend } from './report-overview.js';

test('the project catalogue loads: ids unique, every family present', () => {
  const clauses = loadClauses();
  assert.ok(clauses.length >= 60, `only ${clauses.length} clauses`);
  assert.equal(new Set(clauses.map((c) => c.id)).size, clauses.length);
  const families = new Set(clauses.map((c) => c.family));
  for (const family of ['ARCH', 'DISC', 'SEND', 'QUEUE', 'BATCH', 'HA', 'STOP', 'PAUSE', 'RECV']) {
    assert.ok(families.has(family), `family ${family} is missing`);
  }
});

test('the catalogue is version 2 of the spec: 69 seed clauses, per family as the spec counts them', () => {
  const clauses = seedClauses();
  const perFamily = new Map<string, number>();
  for (const clause of clauses)
    perFamily.set(clause.family, (perFamily.get(clause.family) ?? 0) + 1);
  assert.equal(clauses.length, 69);
  assert.deepEqual(Object.fromEntries(perFamily), {
    ARCH: 3,
    DISC: 7,
    SEND: 13,
    QUEUE: 9,
    BATCH: 5,
    HA: 5,
    STOP: 6,
    PAUSE: 4,
    RECV: 7,
    DIST: 3,
    CONS: 7,
  });
  const ids = new Set(clauses.map((c) => c.id));
  for (const added of ['SEND-12', 'SEND-13', 'TX-4', 'RECV-7']) assert.ok(ids.has(added), added);
});

const entry = (id: string, extra = ''): string =>
  `  - id: ${id}\n    family: A\n    sources: ['000']\n    statement: 'x'${extra}\n`;

function problemsOf(text: string): string {
  try {
    parseCatalogue(text, 'c.yaml');
  } catch (error) {
    assert.ok(isHarnessError(error));
    assert.equal(error.code, 'WANLAB_CATALOGUE_INVALID');
    return error.message;
  }
  assert.fail('the catalogue was accepted');
}

test('a duplicate id is named with its line', () => {
  const message = problemsOf(`families: { A: a }\nclauses:\n${entry('A-1')}${entry('A-1')}`);
  assert.match(message, /c\.yaml:7:\d+ clauses\[1\]\.id: duplicate id A-1/);
});

test('a malformed entry is named with its line and field', () => {
  const message = problemsOf(
    `families: { A: a }\nclauses:\n${entry('A-1')}  - id: a2\n    family: A\n`,
  );
  assert.match(message, /c\.yaml:7:\d+ clauses\[1\]\.id: must match pattern/);
  assert.match(message, /clauses\[1\]: must have required property 'sources'/);
});

test('a family without a title is named', () => {
  const message = problemsOf(`families: { B: b }\nclauses:\n${entry('A-1')}`);
  assert.match(message, /clauses\[0\]\.family: family A has no title/);
});

test('clause tags are read from scenario tags', () => {
  assert.deepEqual(clauseIdsOf(['@clause:A-1', '@slow', '@clause:B-2']), ['A-1', 'B-2']);
});

test('families beyond the seed documents are marked, cite issues, and are not seed clauses', () => {
  const text = `families: { A: a, S: s }\nbeyondSeed: { S: why }\nclauses:\n${entry('A-1')}  - id: S-1\n    family: S\n    sources: ['issue-17']\n    statement: 'x'\n`;
  const catalogue = parseCatalogue(text, 'c.yaml');
  assert.deepEqual(
    seedClauses(catalogue).map((c) => c.id),
    ['A-1'],
  );
  const seedCitingIssue = problemsOf(
    `families: { A: a }\nclauses:\n  - id: A-1\n    family: A\n    sources: ['issue-17']\n    statement: 'x'\n`,
  );
  assert.match(seedCitingIssue, /clauses\[0\]\.sources: family A is a seed family/);
  const beyondCitingSeed = problemsOf(
    `families: { S: s }\nbeyondSeed: { S: why }\nclauses:\n  - id: S-1\n    family: S\n    sources: ['000']\n    statement: 'x'\n`,
  );
  assert.match(beyondCitingSeed, /family S is beyond the seed documents: cite issues/);
});

test('the project catalogue marks SEC as beyond the seed documents', () => {
  const clauses = loadClauses();
  const sec = clauses.filter((c) => c.family === 'SEC');
  assert.ok(sec.length > 0, 'no SEC clause');
  assert.equal(seedClauses().filter((c) => c.family === 'SEC').length, 0);
});

test('every source marker the clauses cite has a meaning in the report legend', () => {
  const legend = sourceLegend(loadCatalogue());
  assert.deepEqual(
    legend.filter((l) => l.meaning.startsWith('not described')).map((l) => l.marker),
    [],
    'add it to "sources" in features/clauses.yaml',
  );
  assert.ok(legend.some((l) => l.marker === '000' && /Geode/.test(l.meaning)));
});
