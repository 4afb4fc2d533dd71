import { allMembers, type Topology } from '../topology/model.js';
import { DEFAULT_TIME_LIMIT_S } from './experiment-rules.js';
import type {
  CheckerName,
  ExperimentSpec,
  FaultSpec,
  NemesisSpec,
  RangeSpec,
} from './experiment-schema.js';
import type {
  CheckerSetting,
  Experiment,
  FaultTarget,
  FaultTemplate,
  NemesisSettings,
  Range,
  ToxicStream,
  WorkloadSettings,
} from './model.js';

const DEFAULT_RECOVERY_TIMEOUT_S = 60;
const WORKLOAD_DEFAULTS = {
  keys: 50,
  keyPrefix: 'k',
  valueBytes: 32,
  ratePerS: 50,
  concurrency: 4,
  opTimeoutMs: 2000,
};
const NEMESIS_DEFAULTS = {
  startAfterMs: { min: 1000, max: 1000 },
  gapMs: { min: 1000, max: 3000 },
  durationMs: { min: 1000, max: 4000 },
  concurrency: 1,
};
const BOTH_STREAMS: ToxicStream[] = ['upstream', 'downstream'];

/** Fills every default of an experiment that passed validation against its topology. */
export function resolveExperiment(
  spec: ExperimentSpec,
  source: string,
  text: string,
  topology: Topology,
): Experiment {
  const workload = resolveWorkload(spec, topology);
  const nemesis = resolveNemesis(spec.nemesis ?? {}, topology);
  return {
    name: spec.name,
    description: spec.description ?? '',
    source,
    text,
    topology,
    timeLimitMs: Math.round((spec.timeLimitS ?? DEFAULT_TIME_LIMIT_S) * 1000),
    recoveryTimeoutMs: Math.round((spec.recoveryTimeoutS ?? DEFAULT_RECOVERY_TIMEOUT_S) * 1000),
    workload,
    nemesis,
    checkers: resolveCheckers(spec, workload, nemesis),
  };
}

export function toRange(value: RangeSpec | undefined, fallback: Range): Range {
  if (value === undefined) return fallback;
  return typeof value === 'number'
    ? { min: value, max: value }
    : { min: value.min, max: value.max };
}

function resolveWorkload(spec: ExperimentSpec, topology: Topology): WorkloadSettings {
  const w = spec.workload;
  return {
    region: w.region,
    sites: w.sites ?? topology.sites.map((s) => s.name),
    keys: w.keys ?? WORKLOAD_DEFAULTS.keys,
    keyPrefix: w.keyPrefix ?? WORKLOAD_DEFAULTS.keyPrefix,
    valueBytes: w.valueBytes ?? WORKLOAD_DEFAULTS.valueBytes,
    ratePerS: w.ratePerS ?? WORKLOAD_DEFAULTS.ratePerS,
    concurrency: w.concurrency ?? WORKLOAD_DEFAULTS.concurrency,
    mix: w.mix
      ? { put: w.mix.put ?? 0, destroy: w.mix.destroy ?? 0, transaction: w.mix.transaction ?? 0 }
      : { put: 1, destroy: 0, transaction: 0 },
    opTimeoutMs: w.opTimeoutMs ?? WORKLOAD_DEFAULTS.opTimeoutMs,
  };
}

function resolveNemesis(spec: NemesisSpec, topology: Topology): NemesisSettings {
  const durationMs = toRange(spec.durationMs, NEMESIS_DEFAULTS.durationMs);
  return {
    startAfterMs: toRange(spec.startAfterMs, NEMESIS_DEFAULTS.startAfterMs),
    gapMs: toRange(spec.gapMs, NEMESIS_DEFAULTS.gapMs),
    concurrency: spec.concurrency ?? NEMESIS_DEFAULTS.concurrency,
    faults: (spec.faults ?? []).map((fault) => resolveFault(fault, topology, durationMs)),
    schedule: (spec.schedule ?? []).map((entry) => ({
      atMs: entry.atMs,
      fault: resolveFault(entry.fault, topology, durationMs),
    })),
  };
}

export function resolveFault(
  fault: FaultSpec,
  topology: Topology,
  durationMs: Range,
): FaultTemplate {
  return {
    kind: fault.kind,
    weight: fault.weight ?? 1,
    durationMs: toRange(fault.durationMs, durationMs),
    targets: targetsOf(fault, topology),
    streams: 'streams' in fault && fault.streams ? [...fault.streams] : BOTH_STREAMS,
    params: paramsOf(fault),
  };
}

function paramsOf(fault: FaultSpec): Record<string, Range> {
  const zero = { min: 0, max: 0 };
  switch (fault.kind) {
    case 'blackhole':
    case 'reset-peer':
      return { timeoutMs: toRange(fault.timeoutMs, zero) };
    case 'latency':
      return { latencyMs: toRange(fault.latencyMs, zero), jitterMs: toRange(fault.jitterMs, zero) };
    case 'bandwidth':
      return { rateKbPerS: toRange(fault.rateKbPerS, zero) };
    case 'slicer':
      return {
        averageSizeBytes: toRange(fault.averageSizeBytes, zero),
        sizeVariationBytes: toRange(fault.sizeVariationBytes, zero),
        delayUs: toRange(fault.delayUs, zero),
      };
    case 'limit-data':
      return { bytes: toRange(fault.bytes, zero) };
    case 'slow-close':
      return { delayMs: toRange(fault.delayMs, zero) };
    case 'clock-skew':
      return { offsetMs: toRange(fault.offsetMs, zero) };
    default:
      return {};
  }
}

function targetsOf(fault: FaultSpec, topology: Topology): FaultTarget[] {
  const members = allMembers(topology);
  switch (fault.kind) {
    case 'partition-site':
    case 'clock-skew':
      return (fault.sites ?? topology.sites.map((s) => s.name)).map((site) => ({
        type: 'site',
        site,
      }));
    case 'member-kill':
    case 'member-stop':
    case 'member-freeze':
      return (fault.members ?? members.map((m) => m.name)).map((member) => ({
        type: 'member',
        member,
      }));
    case 'receiver-stop':
      return (fault.members ?? members.filter((m) => m.hasReceiver).map((m) => m.name)).map(
        (member) => ({ type: 'member', member }),
      );
    case 'sender-pause':
    case 'sender-stop':
    case 'rebalance':
      return members
        .filter((m) => !fault.members || fault.members.includes(m.name))
        .flatMap((m) =>
          m.senderIds
            .filter((id) => !fault.senders || fault.senders.includes(id))
            .map((sender) => ({ type: 'sender' as const, member: m.name, sender })),
        );
    default:
      return (fault.links ?? topology.links.map((l) => l.name)).map((link) => ({
        type: 'link',
        link,
      }));
  }
}

function resolveCheckers(
  spec: ExperimentSpec,
  workload: WorkloadSettings,
  nemesis: NemesisSettings,
): CheckerSetting[] {
  if (spec.checkers) {
    return spec.checkers.map((checker) =>
      typeof checker === 'string' ? { name: checker } : { ...checker },
    );
  }
  const kinds = new Set(
    [...nemesis.faults, ...nemesis.schedule.map((s) => s.fault)].map((f) => f.kind),
  );
  const names: CheckerName[] = ['convergence', 'no-loss', 'order', 'duplicates', 'lag'];
  if (workload.sites.length > 1) names.push('conflicts');
  if (kinds.has('sender-pause')) names.push('pause-bound');
  return names.map((name) => ({ name }));
}
