import { describeTarget, type Experiment } from '../experiment/model.js';
import { HISTORY_FORMAT_VERSION, type RunRecord } from '../history/records.js';
import type { PlannedFault } from '../nemesis/planned-fault.js';

/** The first line of a run's history: everything the checkers need to know of the setup. */
export function runHeader(
  experiment: Experiment,
  seed: number,
  timeLimitMs: number,
  schedule: PlannedFault[],
): RunRecord {
  const region = experiment.workload.region;
  const resolvers = experiment.topology.sites
    .flatMap((s) => s.regions)
    .filter((r) => r.name === region)
    .map((r) => r.conflict?.resolver?.module)
    .filter((module): module is string => typeof module === 'string');
  return {
    type: 'run',
    format: HISTORY_FORMAT_VERSION,
    experiment: experiment.name,
    topology: experiment.topology.name,
    seed,
    wallMs: Date.now(),
    timeLimitMs,
    region,
    conflictRule: resolvers[0] ?? 'default',
    sites: experiment.topology.sites.map((site) => ({
      name: site.name,
      id: site.id,
      clockOffsetMs: site.clockOffsetMs,
      hasRegion: site.regions.some((r) => r.name === region),
      members: site.members.map((m) => ({
        name: m.name,
        hasReceiver: m.hasReceiver,
        senders: m.senderIds,
      })),
      senders: site.senders.map((s) => ({
        id: s.id,
        remoteSiteId: s.remoteDistributedSystemId,
        parallel: s.parallel,
        batchSize: s.batchSize,
        dispatcherThreads: s.dispatcherThreads,
        orderPolicy: s.orderPolicy,
        batchConflation: s.batchConflation,
      })),
    })),
    checkers: experiment.checkers.map((c) => ({ ...c })),
    schedule: schedule.map((f) => ({
      id: f.id,
      kind: f.kind,
      target: describeTarget(f.target),
      ...(f.stream ? { stream: f.stream } : {}),
      params: f.params,
      startMs: f.startMs,
      durationMs: f.durationMs,
    })),
  };
}
