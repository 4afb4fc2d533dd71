import type { SpecIssue } from '../config/yaml-spec.js';
import { allMembers, type Topology } from '../topology/model.js';
import type { PathSegment } from '../topology/yaml-locations.js';
import type { ExperimentSpec, FaultSpec } from './experiment-schema.js';

/** What the schema cannot say and needs no topology: ranges, weights, times, duplicates. */
export function experimentIssues(spec: ExperimentSpec): SpecIssue[] {
  return [
    ...rangeIssues(spec, []),
    ...mixIssues(spec),
    ...checkerIssues(spec),
    ...scheduleIssues(spec),
  ];
}

/** Every workload site, region and fault target must exist in the topology. */
export function targetIssues(spec: ExperimentSpec, topology: Topology): SpecIssue[] {
  return [
    ...workloadIssues(spec, topology),
    ...faultsOf(spec).flatMap(({ fault, path }) => faultIssues(fault, path, topology)),
  ];
}

/** Each fault of the experiment with the path of its definition. */
export function faultsOf(spec: ExperimentSpec): Array<{ fault: FaultSpec; path: PathSegment[] }> {
  const random = (spec.nemesis?.faults ?? []).map((fault, i) => ({
    fault,
    path: ['nemesis', 'faults', i] as PathSegment[],
  }));
  const fixed = (spec.nemesis?.schedule ?? []).map((entry, i) => ({
    fault: entry.fault,
    path: ['nemesis', 'schedule', i, 'fault'] as PathSegment[],
  }));
  return [...random, ...fixed];
}

function rangeIssues(value: unknown, path: PathSegment[]): SpecIssue[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => rangeIssues(item, [...path, i]));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 2 && typeof record.min === 'number' && typeof record.max === 'number') {
    return record.min > record.max
      ? [
          {
            path: [...path, 'min'],
            message: `range starts at ${record.min}, after its end ${record.max}`,
            hint: 'make min less than or equal to max',
          },
        ]
      : [];
  }
  return keys.flatMap((key) => rangeIssues(record[key], [...path, key]));
}

function mixIssues(spec: ExperimentSpec): SpecIssue[] {
  const mix = spec.workload.mix;
  if (!mix || (mix.put ?? 0) + (mix.destroy ?? 0) + (mix.transaction ?? 0) > 0) return [];
  return [
    {
      path: ['workload', 'mix'],
      message: 'every operation has weight 0, so the workload would do nothing',
      hint: 'give put (or destroy) a positive weight',
    },
  ];
}

function checkerIssues(spec: ExperimentSpec): SpecIssue[] {
  const seen = new Set<string>();
  return (spec.checkers ?? []).flatMap((checker, i) => {
    const name = typeof checker === 'string' ? checker : checker.name;
    if (!seen.has(name)) {
      seen.add(name);
      return [];
    }
    return [
      {
        path: ['checkers', i] as PathSegment[],
        message: `checker "${name}" is listed twice`,
        hint: 'list each checker once',
      },
    ];
  });
}

function scheduleIssues(spec: ExperimentSpec): SpecIssue[] {
  const limitMs = (spec.timeLimitS ?? DEFAULT_TIME_LIMIT_S) * 1000;
  return (spec.nemesis?.schedule ?? []).flatMap((entry, i) =>
    entry.atMs < limitMs
      ? []
      : [
          {
            path: ['nemesis', 'schedule', i, 'atMs'] as PathSegment[],
            message: `fault at ${entry.atMs} ms starts after the time limit (${limitMs} ms)`,
            hint: 'start it earlier or raise timeLimitS',
          },
        ],
  );
}

export const DEFAULT_TIME_LIMIT_S = 30;

function workloadIssues(spec: ExperimentSpec, topology: Topology): SpecIssue[] {
  const sites = spec.workload.sites ?? topology.sites.map((s) => s.name);
  return sites.flatMap((name, i) => {
    const path: PathSegment[] = spec.workload.sites ? ['workload', 'sites', i] : ['workload'];
    const site = topology.sites.find((s) => s.name === name);
    if (!site)
      return [
        unknownIn(
          path,
          'site',
          name,
          topology.sites.map((s) => s.name),
        ),
      ];
    if (site.regions.some((r) => r.name === spec.workload.region)) return [];
    return [
      {
        path: ['workload', 'region'],
        message: `site "${name}" does not define region "${spec.workload.region}"`,
        hint: `regions of ${name}: ${site.regions.map((r) => r.name).join(', ') || 'none'}`,
      },
    ];
  });
}

function faultIssues(fault: FaultSpec, at: PathSegment[], topology: Topology): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const check = (field: string, names: string[] | undefined, known: string[], what: string): void =>
    (names ?? []).forEach((name, i) => {
      if (!known.includes(name)) issues.push(unknownIn([...at, field, i], what, name, known));
    });
  const members = allMembers(topology);
  if ('links' in fault)
    check(
      'links',
      fault.links,
      topology.links.map((l) => l.name),
      'link',
    );
  if ('sites' in fault)
    check(
      'sites',
      fault.sites,
      topology.sites.map((s) => s.name),
      'site',
    );
  if ('members' in fault) {
    const eligible =
      fault.kind === 'receiver-stop' ? members.filter((m) => m.hasReceiver) : members;
    check(
      'members',
      fault.members,
      eligible.map((m) => m.name),
      fault.kind === 'receiver-stop' ? 'member with a receiver' : 'member',
    );
  }
  if ('senders' in fault) {
    const ids = [...new Set(topology.sites.flatMap((s) => s.senders.map((x) => x.id)))];
    check('senders', fault.senders, ids, 'sender');
  }
  if (issues.length === 0 && isSenderFault(fault) && senderTargetCount(fault, topology) === 0) {
    issues.push({
      path: at,
      message: `no member hosts any of the senders this ${fault.kind} fault names`,
      hint: 'name senders and members that go together',
    });
  }
  if (issues.length === 0 && fault.kind === 'rebalance' && !targetsParallelSender(fault, topology))
    issues.push({
      path: at,
      message:
        'this rebalance fault can only end unknown: every sender it names is serial, and only a parallel sender has buckets to rebalance',
      hint: 'name a parallel sender (parallel: true), or remove the rebalance fault',
    });
  return issues;
}

/** Whether a sender fault reaches at least one parallel sender on a member that hosts it. */
function targetsParallelSender(fault: FaultSpec, topology: Topology): boolean {
  const members = 'members' in fault ? fault.members : undefined;
  const senders = 'senders' in fault ? fault.senders : undefined;
  return allMembers(topology)
    .filter((m) => !members || members.includes(m.name))
    .flatMap((m) => m.senders.filter((s) => !senders || senders.includes(s.id)))
    .some((sender) => sender.parallel);
}

function isSenderFault(fault: FaultSpec): boolean {
  return (
    fault.kind === 'sender-pause' || fault.kind === 'sender-stop' || fault.kind === 'rebalance'
  );
}

function senderTargetCount(fault: FaultSpec, topology: Topology): number {
  const members = 'members' in fault ? fault.members : undefined;
  const senders = 'senders' in fault ? fault.senders : undefined;
  return allMembers(topology)
    .filter((m) => !members || members.includes(m.name))
    .flatMap((m) => m.senderIds.filter((id) => !senders || senders.includes(id))).length;
}

function unknownIn(path: PathSegment[], what: string, name: string, known: string[]): SpecIssue {
  return {
    path,
    message: `${what} "${name}" is not in the topology`,
    hint: `use one of: ${known.join(', ') || '(none)'}`,
  };
}
