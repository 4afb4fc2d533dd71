import type { ClauseVerdict } from './conformance.js';
import { byFamily, engineLabel, type ConformanceReport } from './conformance-report.js';

/**
 * reports/conformance-junit.xml: one test case per clause, one suite per family, for CI
 * systems. A failing clause is a failure, an unknown one an error, an uncovered one a
 * failure (or skipped, when uncovered clauses are allowed), a clause not applicable on the
 * engine skipped with the capabilities it lacks (JUnit has no other way to say "neither").
 */
export function renderJunit(report: ConformanceReport): string {
  const suites = byFamily(report).map(([family, verdicts]) => suite(report, family, verdicts));
  const all = report.clauses;
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="wanlab conformance: ${attr(engineLabel(report))}" tests="${all.length}" failures="${count(all, report, 'failure')}" errors="${count(all, report, 'error')}" skipped="${count(all, report, 'skipped')}" time="${seconds(all)}">
${suites.join('\n')}
</testsuites>
`;
}

type Outcome = 'ok' | 'failure' | 'error' | 'skipped';

function outcomeOf(verdict: ClauseVerdict, report: ConformanceReport): Outcome {
  switch (verdict.verdict) {
    case 'pass':
      return 'ok';
    case 'fail':
      return 'failure';
    case 'unknown':
      return 'error';
    case 'uncovered':
      return report.allowUncovered ? 'skipped' : 'failure';
    case 'n/a':
      return 'skipped';
  }
}

function count(verdicts: ClauseVerdict[], report: ConformanceReport, outcome: Outcome): number {
  return verdicts.filter((v) => outcomeOf(v, report) === outcome).length;
}

function seconds(verdicts: ClauseVerdict[]): string {
  const ms = verdicts.reduce(
    (total, v) => total + v.scenarios.reduce((sum, s) => sum + s.durationMs, 0),
    0,
  );
  return (ms / 1000).toFixed(3);
}

function suite(report: ConformanceReport, family: string, verdicts: ClauseVerdict[]): string {
  return `  <testsuite name="${attr(`${family}: ${report.families[family] ?? family}`)}" tests="${verdicts.length}" failures="${count(verdicts, report, 'failure')}" errors="${count(verdicts, report, 'error')}" skipped="${count(verdicts, report, 'skipped')}" time="${seconds(verdicts)}" timestamp="${attr(report.generatedAt)}">
    <properties>
      <property name="engine" value="${attr(engineLabel(report))}"/>
      <property name="driver" value="${attr(`${report.driver.name} ${report.driver.version}`)}"/>
      <property name="capabilities" value="${attr(report.driver.capabilities.join(' '))}"/>
      <property name="seed" value="${attr(report.seed)}"/>
    </properties>
${verdicts.map((v) => testCase(report, family, v)).join('\n')}
  </testsuite>`;
}

function testCase(report: ConformanceReport, family: string, verdict: ClauseVerdict): string {
  const { id, statement } = verdict.clause;
  const open = `    <testcase classname="conformance.${attr(family)}" name="${attr(`${id} ${statement}`)}" time="${seconds([verdict])}"`;
  const outcome = outcomeOf(verdict, report);
  if (outcome === 'ok') return `${open}/>`;
  const detail = details(verdict);
  const inner =
    outcome === 'skipped'
      ? `<skipped message="${attr(headline(verdict))}"/>`
      : `<${outcome} type="${verdict.verdict}" message="${attr(headline(verdict))}">${text(detail)}</${outcome}>`;
  return `${open}>\n      ${inner}\n    </testcase>`;
}

function headline(verdict: ClauseVerdict): string {
  if (verdict.verdict === 'uncovered')
    return `uncovered: no scenario is tagged @clause:${verdict.clause.id}`;
  if (verdict.verdict === 'n/a')
    return `n/a: ${[...new Set(verdict.scenarios.map((s) => s.message ?? 'not applicable'))].join('; ')}`;
  const bad = verdict.scenarios.filter((s) => s.status !== 'passed');
  return `${verdict.verdict}: ${bad.length} of ${verdict.scenarios.length} scenarios ${verdict.verdict === 'fail' ? 'failed' : 'did not pass'}`;
}

function details(verdict: ClauseVerdict): string {
  return verdict.scenarios
    .filter((s) => s.status !== 'passed')
    .map((s) => `${s.uri}:${s.line} ${s.name}: ${s.status}${s.message ? `\n${s.message}` : ''}`)
    .join('\n\n');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}

function text(value: string): string {
  return (
    value
      // Characters XML 1.0 cannot carry (terminal colour codes in messages, for one).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}
