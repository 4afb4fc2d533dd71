import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_ENGINE } from '../engines/index.js';
import { columnProblems } from '../report/matrix/column-gate.js';
import { readConformanceReport, writeMatrix } from '../report/matrix/write-matrix.js';
import { runConformance, type ConformanceOptions } from './cmd-conformance.js';
import { reportsDir } from './cmd-test.js';

/**
 * `wanlab matrix <conformance.json...>`: one matrix report from engines' conformance runs, the
 * first being the reference. Exit 0 when the reference passes every clause and every other
 * column is usable evidence (its failing clauses are findings, not faults); 1 otherwise.
 */
export function runMatrix(files: readonly string[], outDir = reportsDir()): number {
  const { matrix, written } = writeMatrix(files, outDir, new Date());
  const problems = files.flatMap((file) => columnProblems(readConformanceReport(file)));
  const reference = matrix.engines[0]!;
  const { fail, unknown, uncovered } = reference.summary;
  if (fail + unknown + uncovered > 0) {
    problems.push(
      `${reference.driver}, the reference column, has ${fail} failing, ${unknown} unknown and ${uncovered} uncovered clauses`,
    );
  }
  const lines = [
    `matrix: ${matrix.engines.map((e) => `${e.driver} ${e.summary.pass}/${e.summary.clauses} pass`).join(', ')}; ${matrix.disagreements} disagreement(s)`,
    ...(matrix.unexplained.length > 0
      ? [
          `warning: disagreements docs/divergences.md does not explain yet: ${matrix.unexplained.join(', ')}`,
        ]
      : []),
    ...problems.map((p) => `error: ${p}`),
    `reports: ${written.map((f) => relative(process.cwd(), f)).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return problems.length > 0 ? 1 : 0;
}

/**
 * `wanlab conformance --engines a,b`: each engine's conformance run in turn (the first into
 * reports/, the others into reports/<engine>/), then the matrix of them.
 */
export async function runConformanceMatrix(
  engines: readonly string[],
  options: ConformanceOptions,
): Promise<number> {
  const base = process.env.WANLAB_REPORTS_DIR;
  const files: string[] = [];
  for (const engine of engines) {
    const dir = engine === DEFAULT_ENGINE ? (base ?? 'reports') : join(base ?? 'reports', engine);
    process.env.WANLAB_REPORTS_DIR = dir;
    const startedMs = Date.now();
    await runConformance({ ...options, engine });
    const file = join(reportsDir(), 'conformance.json');
    if (!existsSync(file) || statSync(file).mtimeMs < startedMs) {
      process.stderr.write(`wanlab conformance: the ${engine} run wrote no report (${file})\n`);
      return 1;
    }
    files.push(file);
  }
  if (base === undefined) delete process.env.WANLAB_REPORTS_DIR;
  else process.env.WANLAB_REPORTS_DIR = base;
  return runMatrix(files);
}
