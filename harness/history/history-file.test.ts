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

test('a transaction becomes one write per key, each with its own version, all of one outcome', () => {
  const version = (entryVersion: number) => ({ timestamp: 5, dsid: 1, member: 'm', entryVersion });
  const records = [
    JSON.parse(sampleText().split('\n')[0]!),
    {
      type: 'invoke',
      op: 1,
      writer: 0,
      site: 'site1',
      member: 'site1-m1',
      f: 'transaction',
      key: 'a',
      writes: [
        { key: 'a', value: 'va' },
        { key: 'b', value: 'vb' },
      ],
      wallMs: 1,
    },
    {
      type: 'ok',
      op: 1,
      writes: [
        { key: 'a', version: version(1), eventId: { member: 'm', thread: 1, seq: 0 } },
        { key: 'b', version: version(2), eventId: { member: 'm', thread: 1, seq: 1 } },
      ],
      wallMs: 2,
    },
    {
      type: 'invoke',
      op: 2,
      writer: 0,
      site: 'site1',
      member: 'site1-m1',
      f: 'transaction',
      key: 'c',
      writes: [
        { key: 'c', value: 'vc' },
        { key: 'd', value: 'vd' },
      ],
      wallMs: 3,
    },
    { type: 'unknown', op: 2, error: 'timeout', wallMs: 4 },
    { type: 'end', wallMs: 5 },
  ];
  const history = parseHistory(records.map((r) => JSON.stringify(r)).join('\n') + '\n', 'h.ndjson');
  assert.deepEqual(
    history.ops.map((o) => [o.key, o.f, o.outcome, o.transaction, o.version?.entryVersion]),
    [
      ['a', 'put', 'ok', 1, 1],
      ['b', 'put', 'ok', 1, 2],
      ['c', 'put', 'unknown', 2, undefined],
      ['d', 'put', 'unknown', 2, undefined],
    ],
  );
});
