import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The attachment naming a scenario's chaos run (JSON: ChaosEvidenceNote), for the reports. */
export const CHAOS_ATTACHMENT = 'wanlab-chaos.json';

export interface ChaosEvidenceNote {
  experiment: string;
  /** The run's report, relative to the reports folder: chaos/<run>/report.html. */
  report: string;
  verdict: string;
}

/** What a reader of the reports needs of a chaos run; member logs stay in the run folder. */
const EVIDENCE_FILES = [
  'report.html',
  'report.json',
  'verdicts.json',
  'history.ndjson',
  'schedule.json',
  'experiment.yaml',
  'topology.yaml',
  'seed',
] as const;

/**
 * Copies a chaos run's evidence from its run folder (.wanlab/chaos/<run>, pruned by retention)
 * to `<reports>/chaos/<run>/`, so CI artifacts hold it. Returns the report's path relative to
 * the reports folder, for links from the conformance and cucumber reports.
 */
export function copyChaosEvidence(runDir: string, reportsDir: string): string {
  const name = basename(runDir);
  const target = join(reportsDir, 'chaos', name);
  mkdirSync(target, { recursive: true });
  for (const file of EVIDENCE_FILES) {
    const from = join(runDir, file);
    if (existsSync(from)) copyFileSync(from, join(target, file));
  }
  return `chaos/${name}/report.html`;
}
