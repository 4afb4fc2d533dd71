import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { HarnessError, messageOf } from '../../errors.js';
import type { ConformanceReport } from '../conformance-report.js';
import { projectRoot } from '../../util/project-root.js';
import { readDivergences } from './divergence-index.js';
import { buildMatrix, type ConformanceMatrix } from './engine-matrix.js';
import { renderMatrixHtml } from './render-matrix-html.js';
import { DIVERGENCES_URL, renderMatrixMarkdown } from './render-matrix-markdown.js';

/** Reads one engine's conformance.json, refusing what is not one (file and field named). */
export function readConformanceReport(file: string): ConformanceReport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `${file}: ${messageOf(error)}`,
      'give the conformance.json a `wanlab conformance` run wrote (reports/, reports/<engine>/)',
    );
  }
  const missing = ['driver', 'summary', 'clauses', 'deployments', 'families'].filter(
    (field) => typeof parsed !== 'object' || parsed === null || !(field in parsed),
  );
  if (missing.length > 0) {
    throw new HarnessError(
      'WANLAB_REPORT_UNREADABLE',
      `${file}: not a conformance report (no ${missing.join(', ')})`,
      'give the conformance.json a `wanlab conformance` run wrote (reports/, reports/<engine>/)',
    );
  }
  return parsed as ConformanceReport;
}

/**
 * Builds the matrix of the reports in `files` (the first is the reference column) and writes
 * matrix.{json,md,html} into `dir`, with docs/divergences.md beside them for the links.
 */
export function writeMatrix(
  files: readonly string[],
  dir: string,
  generatedAt: Date,
): { matrix: ConformanceMatrix; written: string[] } {
  const inputs = files.map((file) => ({
    report: readConformanceReport(file),
    reportDir: relative(dir, dirname(file)) || '.',
  }));
  const divergencesFile = join(projectRoot(), 'docs', 'divergences.md');
  const matrix = buildMatrix(inputs, readDivergences(divergencesFile), generatedAt);
  mkdirSync(dir, { recursive: true });
  const outputs: Array<[string, string]> = [
    ['matrix.json', `${JSON.stringify(matrix, null, 2)}\n`],
    ['matrix.md', renderMatrixMarkdown(matrix)],
    ['matrix.html', renderMatrixHtml(matrix)],
  ];
  const written = outputs.map(([name, content]) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  });
  if (existsSync(divergencesFile)) {
    copyFileSync(divergencesFile, join(dir, DIVERGENCES_URL));
    written.push(join(dir, DIVERGENCES_URL));
  }
  return { matrix, written };
}
