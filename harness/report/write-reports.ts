import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_NAME, ENGINE_VERSION } from '../../engine/version.js';
import { summarize, summaryLine, type ClauseVerdict } from './conformance.js';

export interface ConformanceReport {
  engine: { name: string; version: string };
  generatedAt: string;
  seed: string;
  summary: ReturnType<typeof summarize>;
  clauses: ClauseVerdict[];
}

export function buildReport(verdicts: ClauseVerdict[], seed: string): ConformanceReport {
  return {
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    generatedAt: new Date().toISOString(),
    seed,
    summary: summarize(verdicts),
    clauses: verdicts,
  };
}

function markdown(report: ConformanceReport): string {
  const rows = report.clauses.map((c) => {
    const scenarios = c.scenarios.map((s) => `${s.name} (${s.status})`).join('<br>') || '—';
    return `| ${c.clause.id} | ${c.verdict} | ${c.clause.statement.replace(/\|/g, '\\|')} | ${scenarios} |`;
  });
  return [
    `# WAN conformance: ${report.engine.name} ${report.engine.version}`,
    '',
    `${summaryLine(report.summary)}  `,
    `Generated ${report.generatedAt}, root seed ${report.seed}. Evidence: [cucumber report](cucumber.html).`,
    '',
    '| clause | verdict | statement | scenarios |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export function writeReports(report: ConformanceReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'conformance.json'), join(dir, 'conformance.md')];
  writeFileSync(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1]!, markdown(report));
  return files;
}
