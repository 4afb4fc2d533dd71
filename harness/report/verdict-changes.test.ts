import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import type { ClauseVerdict, Verdict } from './conformance.js';
import {
  readPreviousConformance,
  verdictChanges,
  verdictChangesHtml,
  verdictChangesMarkdown,
  type PreviousConformance,
} from './verdict-changes.js';

function now(verdicts: Record<string, Verdict>): ClauseVerdict[] {
  return Object.entries(verdicts).map(([id, verdict]) => ({
    clause: { id, family: id.split('-')[0]!, sources: ['000'], statement: id },
    verdict,
    scenarios: [],
  }));
}

function before(verdicts: Record<string, Verdict>): PreviousConformance {
  return {
    file: 'old/conformance.json',
    generatedAt: '2026-12-01T00:00:00.000Z',
    engine: 'wanlab-engine 0.1.0',
    verdicts: new Map(Object.entries(verdicts)),
  };
}

test('changed verdicts only, regressions first, then changes, new, removed, improvements', () => {
  const section = verdictChanges(
    before({ 'A-1': 'pass', 'A-2': 'fail', 'A-3': 'pass', 'A-4': 'unknown', 'A-9': 'pass' }),
    now({ 'A-1': 'pass', 'A-2': 'pass', 'A-3': 'fail', 'A-4': 'uncovered', 'A-5': 'pass' }),
  );
  assert.deepEqual(
    section.changes.map((c) => `${c.clause}:${c.kind}:${c.from}->${c.to}`),
    [
      'A-3:regressed:pass->fail',
      'A-4:changed:unknown->uncovered',
      'A-5:new:absent->pass',
      'A-9:removed:pass->absent',
      'A-2:improved:fail->pass',
    ],
  );
  assert.match(section.line, /^5 clauses changed since old\/conformance\.json: 1 regressed/);
  const md = verdictChangesMarkdown(section).join('\n');
  assert.match(md, /\| A-3 \| \*\*regressed\*\* \| pass \| fail \|/);
  assert.ok(md.indexOf('A-3') < md.indexOf('A-2'), 'the regression is listed before the fix');
  assert.match(verdictChangesHtml(section), /<td>A-3<\/td><td>regressed<\/td>/);
});

test('a pass that becomes n/a or unknown is a regression too; nothing changed says so', () => {
  const section = verdictChanges(
    before({ 'A-1': 'pass', 'A-2': 'pass' }),
    now({ 'A-1': 'n/a', 'A-2': 'unknown' }),
  );
  assert.deepEqual(
    section.changes.map((c) => c.kind),
    ['regressed', 'regressed'],
  );
  const same = verdictChanges(before({ 'A-1': 'pass' }), now({ 'A-1': 'pass' }));
  assert.deepEqual(same.changes, []);
  assert.match(same.line, /no clause changed its verdict/);
  assert.deepEqual(verdictChangesMarkdown(undefined), []);
});

test('an unreadable or foreign --compare file is a clear error, not a crash', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wanlab-compare-'));
  try {
    const cases: Array<[string, string | undefined, RegExp]> = [
      ['missing.json', undefined, /no such file/],
      ['broken.json', '{"clauses": [', /not JSON/],
      ['mutation.json', '{"mutants": []}', /no "clauses" array/],
      ['odd.json', '{"clauses": [{"clause": {"id": "A-1"}, "verdict": "great"}]}', /clauses\[0\]/],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      if (content !== undefined) writeFileSync(file, content);
      assert.throws(
        () => readPreviousConformance(file),
        (error: unknown) =>
          isHarnessError(error) &&
          error.code === 'WANLAB_REPORT_UNREADABLE' &&
          message.test(error.message),
        name,
      );
    }
    const good = join(dir, 'conformance.json');
    writeFileSync(
      good,
      JSON.stringify({
        generatedAt: 'then',
        engine: { name: 'geode', version: '1.15.1' },
        clauses: [{ clause: { id: 'A-1' }, verdict: 'fail' }],
      }),
    );
    const read = readPreviousConformance(good);
    assert.equal(read.engine, 'geode 1.15.1');
    assert.equal(read.verdicts.get('A-1'), 'fail');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
