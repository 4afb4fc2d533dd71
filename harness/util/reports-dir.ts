import { resolve } from 'node:path';
import { projectRoot } from './project-root.js';

/** Where the reports go: reports/, or WANLAB_REPORTS_DIR (cucumber.mjs reads it too). */
export function reportsDir(): string {
  return resolve(projectRoot(), process.env.WANLAB_REPORTS_DIR || 'reports');
}
