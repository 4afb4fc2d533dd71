import { writeFileSync } from 'node:fs';
import { judge, type RunVerdict } from '../checkers/run-checkers.js';
import type { History } from '../history/history.js';
import { readHistory } from '../history/history-file.js';
import { chaosReport, chaosReportHtml } from './report/chaos-report.js';
import { runFolder, writeJson, type RunFolder } from './run-folder.js';

export interface Analysis {
  folder: RunFolder;
  history: History;
  verdict: RunVerdict;
}

/**
 * Judges a run folder's history with the checkers its experiment named, and (re)writes
 * verdicts.json, report.json and report.html. A history that is incomplete or corrupt throws
 * (naming the line), so no verdict is ever drawn from part of a run.
 */
export function analyzeRunFolder(dir: string): Analysis {
  const folder = runFolder(dir);
  const history = readHistory(folder.history);
  const verdict = judge(history);
  writeJson(folder.verdicts, verdict);
  const report = chaosReport(history, verdict);
  writeJson(folder.reportJson, report);
  writeFileSync(folder.reportHtml, chaosReportHtml(report));
  return { folder, history, verdict };
}
