import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { experimentFile, loadExperiment } from '../experiment/load-experiment.js';
import { loadTopology } from '../topology/load-topology.js';
import { loudWarnings } from './cmd-up.js';

export type ConfigKind = 'topology' | 'experiment';

/**
 * `wanlab check <file>`: validates a topology or an experiment (with its topology) exactly as
 * `up` and `chaos` would, and runs nothing. Exit 0 when it is valid (warnings are printed),
 * 2 with every problem at its file:line:column otherwise.
 */
export function runCheck(ref: string): number {
  const file = experimentFile(ref);
  if (configKind(file) === 'experiment') {
    const experiment = loadExperiment(file);
    report(experiment.topology.warnings ?? []);
    process.stdout.write(
      `wanlab: experiment ${file} is valid (topology ${experiment.topology.name}, ${experiment.nemesis.faults.length} faults, ${experiment.checkers.length} checkers)\n`,
    );
    return 0;
  }
  const topology = loadTopology(file);
  report(topology.warnings ?? []);
  process.stdout.write(
    `wanlab: topology ${file} is valid (${topology.sites.length} sites, ${topology.sites.flatMap((s) => s.members).length} members)\n`,
  );
  return 0;
}

function report(warnings: readonly string[]): void {
  if (warnings.length > 0) process.stderr.write(`${loudWarnings(warnings)}\n`);
}

/**
 * An experiment names a `topology` and a `workload`; anything else is read as a topology (so a
 * file that is not YAML at all gets the topology loader's located syntax errors).
 */
export function configKind(file: string): ConfigKind {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return 'topology';
  }
  const contents = parseDocument(text).contents;
  const keys =
    contents && 'items' in contents
      ? (contents.items as Array<{ key?: unknown }>).map((pair) => String(pair.key))
      : [];
  return keys.includes('workload') || keys.includes('topology') ? 'experiment' : 'topology';
}
