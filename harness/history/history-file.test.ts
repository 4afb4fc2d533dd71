import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { HistoryBuilder } from '../checkers/testing/history-builder.js';
import { HistoryFileError, HistoryWriter, parseHistory, readHistory } from './history-file.js';

function sampleText(): string {
  const h = new HistoryBuilder();
  const w = h.write('site1', 'k1');
  h.apply('site2', w).finals();
  return (
    h
      .records()
      .map((r) => JSON.stringify(r))
      .join('\n') + '\n'
  );
}

function rejection(text: string): HistoryFileError {
  try {
    parseHistory(text, 'h.ndjson');
  } catch (error) {
    if (error instanceof HistoryFileError) return error;
    throw error;
  }
  assert.fail('expected the history to be rejected');
}

test('a history written record by record reads back whole', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-history-'));
  const file = join(dir, 'history.ndjson');
  const writer = new HistoryWriter(file, () => 42);
  for (const line of sampleText().trim().split('\n')) writer.append(JSON.parse(line));
  writer.close();
  const history = readHistory(file);
  assert.equal(history.ops.length, 1);
  assert.equal(history.applied.length, 2);
  assert.equal(history.finals.length, 2);
  assert.equal(readFileSync(file, 'utf8'), sampleText());
});

test('a history cut off before its end record is rejected with the last line', () => {
  const lines = sampleText().trim().split('\n');
  const error = rejection(lines.slice(0, 4).join('\n') + '\n');
  assert.match(error.message, /^h\.ndjson:4: the history is truncated/);
});

test('a history cut off mid-line is rejected with that line', () => {
  const text = sampleText();
  const error = rejection(text.slice(0, text.length - 10));
  assert.match(error.message, /h\.ndjson:\d+: the last line is cut off/);
});

test('a line that is not JSON is rejected with its number', () => {
  const lines = sampleText().trim().split('\n');
  lines[2] = '{"type":"applied",';
  const error = rejection(lines.join('\n') + '\n');
  assert.match(error.message, /^h\.ndjson:3: not a JSON record/);
  assert.equal(error.code, 'WANLAB_HISTORY_INVALID');
});

test('a record of the wrong shape is rejected with its line and field', () => {
  const lines = sampleText().trim().split('\n');
  const at = lines.findIndex((l) => l.includes('"type":"invoke"'));
  const record = JSON.parse(lines[at]!);
  record.op = 'one';
  lines[at] = JSON.stringify(record);
  const error = rejection(lines.join('\n') + '\n');
  assert.match(
    error.message,
    new RegExp(`^h\\.ndjson:${at + 1}: not a valid "invoke" record: /op must be integer`),
  );
});

test('a completion without its invocation is rejected', () => {
  const lines = sampleText().trim().split('\n');
  const invoke = lines.findIndex((l) => l.includes('"type":"invoke"'));
  lines.splice(invoke, 1);
  const error = rejection(lines.join('\n') + '\n');
  assert.match(error.message, /operation 1 completes without an invocation/);
});

test('an empty file is rejected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-history-'));
  writeFileSync(join(dir, 'h.ndjson'), '');
  assert.throws(() => readHistory(join(dir, 'h.ndjson')), /the history is empty/);
});
