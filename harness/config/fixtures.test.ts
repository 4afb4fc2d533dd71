import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isHarnessError } from '../errors.js';
import { loadExperiment } from '../experiment/load-experiment.js';
import { loadTopology } from '../topology/load-topology.js';
import { projectRoot } from '../util/project-root.js';
import type { LocatedSpecIssue } from './yaml-spec.js';

/**
 * Every malformed topology and experiment of harness/config/fixtures/ (issue 18: a new user's
 * mistakes, and more) must be refused as a user's mistake: exit 2, its stable code, and among
 * its problems one at the line and column the fixture's header names, with that message.
 *
 *   # expect: WANLAB_TOPOLOGY_INVALID 15:9 must be <= 64
 */
const FIXTURES = join(projectRoot(), 'harness', 'config', 'fixtures');

interface Expectation {
  code: string;
  line: number;
  column: number;
  fragment: string;
}

export function expectationOf(text: string): Expectation | undefined {
  const match = /^# expect: (\S+) (\d+):(\d+) (.+)$/m.exec(text);
  if (!match) return undefined;
  return {
    code: match[1]!,
    line: Number(match[2]),
    column: Number(match[3]),
    fragment: match[4]!,
  };
}

export function fixtureFiles(kind: 'topologies' | 'experiments'): string[] {
  return readdirSync(join(FIXTURES, kind))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(FIXTURES, kind, name));
}

function refusal(load: () => unknown): {
  code: string;
  exitCode: number;
  issues: LocatedSpecIssue[];
} {
  try {
    load();
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    const issues = (error as unknown as { issues?: LocatedSpecIssue[] }).issues ?? [];
    return { code: error.code, exitCode: error.exitCode, issues };
  }
  assert.fail('it was accepted');
}

/** What is wrong with one fixture's refusal, or nothing: every fixture is reported at once. */
function failureOf(file: string, load: (file: string) => unknown): string[] {
  try {
    checkFixture(file, load);
    return [];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [message.startsWith(file) ? message : `${file}: ${message}`];
  }
}

function checkFixture(file: string, load: (file: string) => unknown): void {
  const expected = expectationOf(readFileSync(file, 'utf8'));
  assert.ok(expected, `${file} has no "# expect: CODE LINE:COLUMN message" header`);
  const found = refusal(() => load(file));
  const seen = found.issues
    .map((i) => `${i.location.line}:${i.location.column} ${i.message}`)
    .join('\n');
  assert.equal(found.exitCode, 2, `${file}: exit code`);
  assert.equal(found.code, expected.code, `${file}: code`);
  assert.ok(
    found.issues.some(
      (issue) =>
        issue.location.line === expected.line &&
        issue.location.column === expected.column &&
        issue.message.includes(expected.fragment),
    ),
    `${file}: no problem at ${expected.line}:${expected.column} with "${expected.fragment}"; found:\n${seen}`,
  );
  for (const issue of found.issues)
    assert.ok(issue.hint.length > 0, `${file}: a problem without a hint`);
}

test('every malformed topology is refused with exit 2, its code, line, column and message', () => {
  const files = fixtureFiles('topologies');
  assert.ok(files.length >= 80, `only ${files.length} topology fixtures`);
  assert.deepEqual(
    files.flatMap((file) => failureOf(file, loadTopology)),
    [],
  );
});

test('every malformed experiment is refused with exit 2, its code, line, column and message', () => {
  const files = fixtureFiles('experiments');
  assert.ok(files.length >= 40, `only ${files.length} experiment fixtures`);
  assert.deepEqual(
    files.flatMap((file) => failureOf(file, loadExperiment)),
    [],
  );
});
