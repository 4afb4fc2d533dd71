import { stringify } from 'yaml';
import { HarnessError } from '../errors.js';
import { ExperimentError } from '../experiment/experiment-error.js';
import { experimentIssues, targetIssues } from '../experiment/experiment-rules.js';
import type { CheckerName, ExperimentSpec, FaultSpec } from '../experiment/experiment-schema.js';
import type { Experiment } from '../experiment/model.js';
import { resolveExperiment } from '../experiment/resolve-experiment.js';
import type { Topology } from '../topology/model.js';

/** Families of faults a scenario can name ("under random link faults"). */
export const FAULT_FAMILIES: Record<string, FaultSpec[]> = {
  link: [
    { kind: 'link-down', weight: 3 },
    { kind: 'blackhole', weight: 2 },
    { kind: 'reset-peer', weight: 2, streams: ['upstream'] },
    { kind: 'limit-data', weight: 2, bytes: { min: 200, max: 4000 } },
    { kind: 'latency', latencyMs: { min: 50, max: 400 } },
  ],
  partition: [{ kind: 'partition-site', weight: 2 }, { kind: 'link-down' }],
  member: [{ kind: 'member-kill' }, { kind: 'member-stop' }, { kind: 'member-freeze' }],
  freeze: [{ kind: 'member-freeze' }],
  clock: [{ kind: 'clock-skew', offsetMs: { min: -5000, max: 5000 } }],
  pause: [{ kind: 'sender-pause' }],
  sender: [{ kind: 'sender-pause' }, { kind: 'sender-stop' }],
  receiver: [{ kind: 'receiver-stop' }],
};

/**
 * Sender and receiver faults act on the written sites' members: a paused sender at a site
 * nobody writes at would prove nothing.
 */
function aimed(fault: FaultSpec, topology: Topology, sites: string[]): FaultSpec {
  if (fault.kind !== 'sender-pause' && fault.kind !== 'sender-stop') return fault;
  const members = topology.sites
    .filter((s) => sites.includes(s.name))
    .flatMap((s) => s.members.filter((m) => m.senderIds.length > 0).map((m) => m.name));
  return { ...fault, members };
}

/** Every checker judges an ad-hoc run. */
export const AD_HOC_CHECKERS = [
  'convergence',
  'no-loss',
  'order',
  'duplicates',
  'conflicts',
  'pause-bound',
  'lag',
] as const satisfies readonly CheckerName[];

export interface AdHocOptions {
  region: string;
  sites: string[];
  seconds: number;
  families: string[];
  /** Keys written; few keys make conflicting writes between sites likely. */
  keys?: number;
}

/**
 * An experiment built from a scenario's words: the running topology, writers at the named
 * sites, and random faults of the named families. Validated like an experiment file.
 */
export function adHocExperiment(topology: Topology, options: AdHocOptions): Experiment {
  const unknown = options.families.filter((f) => !FAULT_FAMILIES[f]);
  if (unknown.length > 0) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `no fault family "${unknown.join('", "')}"`,
      `families: ${Object.keys(FAULT_FAMILIES).join(', ')}`,
    );
  }
  const spec: ExperimentSpec = {
    name: `ad-hoc-${options.families.join('-')}`,
    topology: topology.name,
    timeLimitS: options.seconds,
    workload: {
      region: options.region,
      sites: options.sites,
      keys: options.keys ?? 40,
      ratePerS: 50,
      concurrency: 4,
      mix: { put: 9, destroy: 1 },
    },
    nemesis: {
      startAfterMs: 1000,
      gapMs: { min: 300, max: 1500 },
      durationMs: { min: 500, max: 3000 },
      faults: options.families
        .flatMap((f) => FAULT_FAMILIES[f]!)
        .map((fault) => aimed(fault, topology, options.sites)),
    },
    checkers: [...AD_HOC_CHECKERS],
  };
  const text = stringify(spec);
  const issues = [...experimentIssues(spec), ...targetIssues(spec, topology)];
  if (issues.length > 0)
    throw new ExperimentError(
      `(scenario experiment on ${topology.name})`,
      issues.map((issue) => ({ ...issue, location: { line: 1, column: 1 } })),
    );
  return resolveExperiment(spec, `(scenario)`, text, topology);
}
