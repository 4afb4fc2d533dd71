import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { compileLater } from '../config/compile-later.js';
import { HarnessError, messageOf } from '../errors.js';
import { buildHistory, HistoryShapeError, type History } from './history.js';
import { HistoryRecordSchema, type HistoryRecord, type Unstamped } from './records.js';

export const HISTORY_FILE = 'history.ndjson';

/** One validator per record type, so a bad record is described against its own shape. */
const validators = compileLater((): Map<string, ValidateFunction> => {
  const ajv = new Ajv({ allErrors: false, strict: false });
  const byType = new Map<string, ValidateFunction>();
  for (const schema of HistoryRecordSchema.anyOf) {
    const type = schema.properties.type as { const?: string; anyOf?: Array<{ const: string }> };
    const validate = ajv.compile(schema);
    for (const name of type.const ? [type.const] : (type.anyOf ?? []).map((t) => t.const))
      byType.set(name, validate);
  }
  return byType;
});

/** Appends records to a history file as they happen, one JSON object per line. */
export class HistoryWriter {
  readonly file: string;
  readonly #now: () => number;
  #fd: number | undefined;

  constructor(file: string, now: () => number = Date.now) {
    this.file = file;
    this.#now = now;
    this.#fd = openSync(file, 'w');
  }

  /** Stamps the record with the current wall time unless it carries one. */
  append(record: Unstamped<HistoryRecord>): void {
    if (this.#fd === undefined) return;
    const stamped = { ...record, wallMs: record.wallMs ?? this.#now() };
    writeSync(this.#fd, `${JSON.stringify(stamped)}\n`);
  }

  close(): void {
    if (this.#fd === undefined) return;
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

/** A history that cannot be judged: the file, the line and what is wrong with it. */
export class HistoryFileError extends HarnessError {
  constructor(file: string, line: number, problem: string) {
    super(
      'WANLAB_HISTORY_INVALID',
      `${file}:${line}: ${problem}`,
      'the run did not finish writing its history, or the file was changed; run the experiment again (same --seed)',
    );
  }
}

/** Reads and checks a whole history file. Throws HistoryFileError; never returns a partial one. */
export function readHistory(file: string): History {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new HarnessError(
      'WANLAB_HISTORY_INVALID',
      `cannot read history ${file}: ${messageOf(cause)}`,
      'pass a run folder written by `wanlab chaos` (it holds history.ndjson)',
      { cause },
    );
  }
  return parseHistory(text, file);
}

export function parseHistory(text: string, file: string): History {
  if (text.length === 0) throw new HistoryFileError(file, 1, 'the history is empty');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else
    throw new HistoryFileError(
      file,
      lines.length,
      'the last line is cut off (no newline at its end)',
    );
  const records = lines.map((line, i) => parseLine(line, i + 1, file));
  try {
    return buildHistory(records);
  } catch (error) {
    if (error instanceof HistoryShapeError)
      throw new HistoryFileError(file, error.line, error.message);
    throw error;
  }
}

function parseLine(line: string, number: number, file: string): HistoryRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (cause) {
    throw new HistoryFileError(file, number, `not a JSON record (${messageOf(cause)})`);
  }
  const type = (value as { type?: unknown } | null)?.type;
  const validate = typeof type === 'string' ? validators().get(type) : undefined;
  if (!validate)
    throw new HistoryFileError(file, number, `not a history record (type ${JSON.stringify(type)})`);
  if (!validate(value)) {
    const error = validate.errors?.[0];
    throw new HistoryFileError(
      file,
      number,
      `not a valid "${String(type)}" record: ${error?.instancePath || 'the record'} ${error?.message ?? 'is invalid'}`,
    );
  }
  return value as HistoryRecord;
}
