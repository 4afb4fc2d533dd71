import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdit, applyEdits } from './apply-edit.js';

test('a find that occurs once is replaced, the rest of the file untouched', () => {
  const result = applyEdit('a >= b;\nc >= d;\n', 'a >= b', 'a > b');
  assert.deepEqual(result, { kind: 'applied', text: 'a > b;\nc >= d;\n' });
});

test('a find that spans lines is replaced whole', () => {
  const source = 'if (x) {\n  return 1;\n}\n';
  const result = applyEdit(source, 'if (x) {\n  return 1;', 'if (!x) {\n  return 1;');
  assert.deepEqual(result, { kind: 'applied', text: 'if (!x) {\n  return 1;\n}\n' });
});

test('a find that no longer occurs is stale, never applied to a guess', () => {
  const result = applyEdit('a > b;\n', 'a >= b', 'a > b');
  assert.equal(result.kind, 'stale');
  assert.match(result.kind === 'stale' ? result.reason : '', /no longer occurs/);
});

test('a find that occurs twice is stale: the edit would be ambiguous', () => {
  const result = applyEdit('x++;\ny;\nx++;\n', 'x++;', 'x += 2;');
  assert.deepEqual(result, {
    kind: 'stale',
    reason: '`find` occurs 2 times in the file, not once',
  });
});

test('overlapping occurrences count as two', () => {
  assert.equal(applyEdit('aaa', 'aa', 'b').kind, 'stale');
});

test('whitespace matters: a reindented find is stale', () => {
  assert.equal(applyEdit('  return x;\n', '    return x;', 'return y;').kind, 'stale');
});

test('several edits apply in order, each to what the one before made', () => {
  const result = applyEdits('a;\nb;\n', [
    { find: 'a;', replace: 'x;' },
    { find: 'x;\nb;', replace: 'x;\ny;' },
  ]);
  assert.deepEqual(result, { kind: 'applied', text: 'x;\ny;\n' });
});

test('a stale later edit makes the mutant stale, naming the edit', () => {
  const result = applyEdits('a;\n', [
    { find: 'a;', replace: 'x;' },
    { find: 'a;', replace: 'y;' },
  ]);
  assert.deepEqual(result, {
    kind: 'stale',
    reason: 'edit 2: `find` no longer occurs in the file',
  });
});
