import { existsSync, readFileSync } from 'node:fs';
import { HarnessError } from '../errors.js';
import type { ClauseVerdict, Verdict } from './conformance.js';
import { esc } from './overview-html.js';

/** A clause's verdict in one run, or `absent` when that run's catalogue lacked the clause. */
export type VerdictOrAbsent = Verdict | 'absent';

export type ChangeKind = 'regressed' | 'changed' | 'new' | 'removed' | 'improved';

export interface VerdictChange {
  clause: string;
  from: VerdictOrAbsent;
  to: VerdictOrAbsent;
  kind: ChangeKind;
}

/** An earlier run's conformance.json, as much of it as a comparison needs. */
export interface PreviousConformance {
  file: string;
  generatedAt: string;
  engine: string;
  verdicts: Map<string, Verdict>;
}

/** `wanlab conformance --compare <file>`: what changed since that run, new failures first. */
export interface VerdictChangesSection {
  against: string;
  againstGeneratedAt: string;
  againstEngine: string;
  line: string;
  changes: VerdictChange[];
}

const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'uncovered', 'unknown', 'n/a'];
/** Higher is better; a move down is a regression whatever it lands on. */
const RANK: Record<Verdict, number> = { pass: 3, 'n/a': 2, uncovered: 1, unknown: 1, fail: 0 };
const ORDER: readonly ChangeKind[] = ['regressed', 'changed', 'new', 'removed', 'improved'];

interface PreviousShape {
  generatedAt?: unknown;
  engine?: { name?: unknown; version?: unknown };
  clauses?: Array<{ clause?: { id?: unknown }; verdict?: unknown }>;
}

/** Reads a conformance.json written by an earlier run; a clear error names what is wrong. */
export function readPreviousConformance(file: string): PreviousConformance {
  const refuse = (why: string): HarnessError =>
    new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `--compare ${file}: ${why}`,
      'give the conformance.json of an earlier `wanlab conformance` run (copy it before a new run overwrites reports/)',
    );
  if (!existsSync(file)) throw refuse('no such file');
  let parsed: PreviousShape;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as PreviousShape;
  } catch (error) {
    throw refuse(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(parsed.clauses)) throw refuse('no "clauses" array: not a conformance report');
  const verdicts = new Map<string, Verdict>();
  parsed.clauses.forEach((entry, index) => {
    const id = entry.clause?.id;
    const verdict = entry.verdict;
    if (typeof id !== 'string' || !VERDICTS.includes(verdict as Verdict)) {
      throw refuse(`clauses[${index}] has no clause id or no known verdict`);
    }
    verdicts.set(id, verdict as Verdict);
  });
  const engine = parsed.engine;
  return {
    file,
    generatedAt: typeof parsed.generatedAt === 'string' ? parsed.generatedAt : 'unknown',
    engine:
      typeof engine?.name === 'string'
        ? `${engine.name} ${String(engine.version ?? '')}`.trim()
        : 'unknown',
    verdicts,
  };
}

function kindOf(from: VerdictOrAbsent, to: VerdictOrAbsent): ChangeKind {
  if (from === 'absent') return 'new';
  if (to === 'absent') return 'removed';
  if (RANK[to] < RANK[from]) return 'regressed';
  return RANK[to] > RANK[from] ? 'improved' : 'changed';
}

export function verdictChanges(
  previous: PreviousConformance,
  current: readonly ClauseVerdict[],
): VerdictChangesSection {
  const now = new Map(current.map((c) => [c.clause.id, c.verdict] as const));
  const ids = [...new Set([...now.keys(), ...previous.verdicts.keys()])];
  const changes = ids
    .map((clause): VerdictChange => {
      const from: VerdictOrAbsent = previous.verdicts.get(clause) ?? 'absent';
      const to: VerdictOrAbsent = now.get(clause) ?? 'absent';
      return { clause, from, to, kind: kindOf(from, to) };
    })
    .filter((change) => change.from !== change.to)
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const count = (kind: ChangeKind): number => changes.filter((c) => c.kind === kind).length;
  const line =
    changes.length === 0
      ? `no clause changed its verdict since ${previous.file}`
      : `${changes.length} clauses changed since ${previous.file}: ${ORDER.filter(
          (k) => count(k) > 0,
        )
          .map((k) => `${count(k)} ${k}`)
          .join(', ')}`;
  return {
    against: previous.file,
    againstGeneratedAt: previous.generatedAt,
    againstEngine: previous.engine,
    line,
    changes,
  };
}

export function verdictChangesMarkdown(section: VerdictChangesSection | undefined): string[] {
  if (!section) return [];
  return [
    `## Changes since the compared run`,
    '',
    `${section.line} (that run: ${section.againstEngine}, ${section.againstGeneratedAt}).`,
    '',
    ...(section.changes.length > 0
      ? [
          '| clause | change | before | now |',
          '| --- | --- | --- | --- |',
          ...section.changes.map(
            (c) =>
              `| ${c.clause} | ${c.kind === 'regressed' ? '**regressed**' : c.kind} | ${c.from} | ${c.to} |`,
          ),
          '',
        ]
      : []),
  ];
}

export function verdictChangesHtml(section: VerdictChangesSection | undefined): string {
  if (!section) return '';
  const rows = section.changes
    .map(
      (c) =>
        `<tr class="${c.kind === 'regressed' ? 'fail' : ''}"><td>${esc(c.clause)}</td><td>${esc(c.kind)}</td><td>${esc(c.from)}</td><td>${esc(c.to)}</td></tr>`,
    )
    .join('\n');
  return `<h2>Changes since the compared run</h2>
<p>${esc(section.line)} (that run: ${esc(section.againstEngine)}, ${esc(section.againstGeneratedAt)}).</p>
${rows ? `<table><tr><th>clause</th><th>change</th><th>before</th><th>now</th></tr>\n${rows}\n</table>` : ''}`;
}
