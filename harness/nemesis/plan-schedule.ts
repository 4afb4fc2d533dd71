import type {
  FaultKind,
  FaultTarget,
  FaultTemplate,
  NemesisSettings,
  Range,
} from '../experiment/model.js';
import type { Topology } from '../topology/model.js';
import type { Rng } from '../util/rng.js';
import { isInstantaneous, type PlannedFault } from './planned-fault.js';

/** Shorter than this, a fault squeezed in before the time limit is not worth injecting. */
const MIN_FAULT_MS = 200;

interface Busy {
  resources: string[];
  startMs: number;
  endMs: number;
}

/**
 * The whole fault schedule of a run, decided before it starts: a pure function of the
 * experiment, the topology, the time limit and the random source, so one seed always gives
 * one schedule. Fixed faults come first; random ones fill `concurrency` lanes with faults
 * drawn by weight, each on a target no other fault holds at the same time.
 */
export function planSchedule(
  nemesis: NemesisSettings,
  topology: Topology,
  timeLimitMs: number,
  rng: Rng,
): PlannedFault[] {
  const busy: Busy[] = [];
  const planned: Array<Omit<PlannedFault, 'id'>> = [];
  for (const entry of nemesis.schedule) {
    if (entry.atMs >= timeLimitMs) continue;
    const fault = draw(entry.fault, entry.atMs, timeLimitMs, rng, () => true);
    if (!fault) continue;
    planned.push(fault);
    busy.push(occupation(fault, topology));
  }
  if (nemesis.faults.length > 0) planRandom(nemesis, topology, timeLimitMs, rng, busy, planned);
  return planned
    .map((fault, order) => ({ fault, order }))
    .sort((a, b) => a.fault.startMs - b.fault.startMs || a.order - b.order)
    .map(({ fault }, i) => ({ id: i + 1, ...fault }));
}

function planRandom(
  nemesis: NemesisSettings,
  topology: Topology,
  timeLimitMs: number,
  rng: Rng,
  busy: Busy[],
  planned: Array<Omit<PlannedFault, 'id'>>,
): void {
  const lanes = Array.from({ length: nemesis.concurrency }, () =>
    drawIn(nemesis.startAfterMs, rng),
  );
  const weighted = nemesis.faults.map((item) => ({ item, weight: item.weight }));
  while (true) {
    const lane = earliest(lanes);
    const startMs = lanes[lane]!;
    if (startMs + MIN_FAULT_MS > timeLimitMs) return;
    const template = rng.weighted(weighted);
    const free = (target: FaultTarget, endMs: number): boolean =>
      isFree(resourcesOf(template.kind, target, topology), startMs, endMs, busy);
    const fault = draw(template, startMs, timeLimitMs, rng, free);
    if (!fault) {
      lanes[lane] = startMs + Math.max(MIN_FAULT_MS, drawIn(nemesis.gapMs, rng));
      continue;
    }
    planned.push(fault);
    busy.push(occupation(fault, topology));
    lanes[lane] = startMs + fault.durationMs + Math.max(1, drawIn(nemesis.gapMs, rng));
  }
}

/** Draws duration, target, stream and parameters of one fault; undefined if it cannot fit. */
function draw(
  template: FaultTemplate,
  startMs: number,
  timeLimitMs: number,
  rng: Rng,
  free: (target: FaultTarget, endMs: number) => boolean,
): Omit<PlannedFault, 'id'> | undefined {
  const instant = isInstantaneous(template.kind);
  const durationMs = instant
    ? 0
    : Math.min(drawIn(template.durationMs, rng), timeLimitMs - startMs);
  if (!instant && durationMs < MIN_FAULT_MS) return undefined;
  const candidates = template.targets.filter((t) => free(t, startMs + Math.max(durationMs, 1)));
  if (candidates.length === 0) return undefined;
  const target = rng.pick(candidates);
  const params = Object.fromEntries(
    Object.entries(template.params).map(([name, range]) => [name, drawIn(range, rng)]),
  );
  const stream = usesStream(template) ? rng.pick(template.streams) : undefined;
  return {
    kind: template.kind,
    target,
    ...(stream ? { stream } : {}),
    params,
    startMs,
    durationMs,
  };
}

function usesStream(template: FaultTemplate): boolean {
  return template.kind !== 'link-down' && template.targets.every((t) => t.type === 'link');
}

function drawIn(range: Range, rng: Rng): number {
  return rng.int(range.min, range.max);
}

function earliest(lanes: number[]): number {
  let best = 0;
  lanes.forEach((start, i) => {
    if (start < lanes[best]!) best = i;
  });
  return best;
}

function occupation(fault: Omit<PlannedFault, 'id'>, topology: Topology): Busy {
  return {
    resources: resourcesOf(fault.kind, fault.target, topology),
    startMs: fault.startMs,
    endMs: fault.startMs + Math.max(fault.durationMs, 1),
  };
}

function isFree(resources: string[], startMs: number, endMs: number, busy: Busy[]): boolean {
  return !busy.some(
    (b) => b.startMs < endMs && startMs < b.endMs && b.resources.some((r) => resources.includes(r)),
  );
}

/** What a fault holds while active: two faults on one resource never overlap. */
export function resourcesOf(kind: FaultKind, target: FaultTarget, topology: Topology): string[] {
  switch (target.type) {
    case 'link':
      return [`link:${target.link}`];
    case 'site':
      if (kind === 'clock-skew') return [`clock:${target.site}`];
      return [
        ...topology.links
          .filter((l) => l.fromSite === target.site || l.toSite === target.site)
          .map((l) => `link:${l.name}`),
      ];
    case 'member':
      if (kind !== 'member-kill' && kind !== 'member-stop') return [`member:${target.member}`];
      // Taking a member down while another of its site is down, or still restarting and
      // filling its regions from it, takes the site's only copy of its data: one at a time.
      return [`member:${target.member}`, `site-down:${siteOf(target.member, topology)}`];
    case 'sender':
      return [`member:${target.member}`];
  }
}

function siteOf(member: string, topology: Topology): string {
  return topology.sites.find((s) => s.members.some((m) => m.name === member))?.name ?? '?';
}
