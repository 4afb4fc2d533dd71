import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConformanceReport } from './conformance-report.js';
import { renderHtml } from './render-html.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';

/** Writes conformance.{json,md,html} and conformance-junit.xml into `dir`; returns the files. */
export function writeReports(report: ConformanceReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const outputs: Array<[string, string]> = [
    ['conformance.json', `${JSON.stringify(report, null, 2)}\n`],
    ['conformance.md', renderMarkdown(report)],
    ['conformance.html', renderHtml(report)],
    ['conformance-junit.xml', renderJunit(report)],
  ];
  return outputs.map(([name, content]) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  });
}
