/**
 * Who holds which bucket of a region. The coordinator (the oldest member hosting the region)
 * computes it and every host follows it. A replicated region is one bucket held by every
 * host; a partitioned region has totalBuckets buckets with redundantCopies + 1 holders each.
 */
export type MemberKey = string;

export interface BucketAssignment {
  /** Applies every change of the bucket and fans it out; null only before the first plan. */
  primary: MemberKey | null;
  /** Ready secondary copies: they hold everything the primary acknowledged. */
  copies: MemberKey[];
  /** Copies being filled from the primary; they cannot take over yet. */
  initializing: MemberKey[];
}

export interface BucketTable {
  version: number;
  coordinator: MemberKey;
  buckets: BucketAssignment[];
}

export interface PlacementPolicy {
  totalBuckets: number;
  /** Holders per bucket (primary included): redundantCopies + 1, or every host. */
  holders: number | 'all';
}

/** What one member says it holds (the coordinator asks before every plan). */
export interface HeldCopies {
  ready: number[];
  initializing: number[];
}

/** Bucket moves started per plan for balance; more wait for the next plan. */
const MAX_BALANCE_MOVES = 32;

interface Planning {
  hosts: MemberKey[];
  held: ReadonlyMap<MemberKey, HeldCopies>;
  want: number;
  buckets: BucketAssignment[];
}

/**
 * The next assignment, deterministic in its inputs. Departed members are dropped; a bucket
 * whose primary left gets a ready copy as primary (or, if none is left, a fresh empty
 * primary: its data is lost, as with too little redundancy in Geode); missing copies are added
 * on the least loaded hosts; primaries and copies are then balanced over the hosts, moving a
 * bucket only through a new copy that becomes ready first.
 *
 * `held` is the members' own account; a host missing from it (it did not answer) keeps what
 * the previous table gave it.
 */
export function planTable(
  previous: readonly BucketAssignment[] | undefined,
  hosts: readonly MemberKey[],
  held: ReadonlyMap<MemberKey, HeldCopies>,
  policy: PlacementPolicy,
): BucketAssignment[] {
  if (hosts.length === 0) return emptyAssignments(policy.totalBuckets);
  const want = policy.holders === 'all' ? hosts.length : Math.min(policy.holders, hosts.length);
  const planning: Planning = { hosts: [...hosts], held, want, buckets: [] };
  for (let bucket = 0; bucket < policy.totalBuckets; bucket++) {
    planning.buckets.push(reconcile(planning, bucket, previous?.[bucket]));
  }
  planning.buckets.forEach((assignment) => assignPrimary(planning, assignment));
  planning.buckets.forEach((assignment) => addMissingCopies(planning, assignment));
  balanceCopies(planning);
  planning.buckets.forEach((assignment) => trimExcess(planning, assignment));
  balancePrimaries(planning);
  return planning.buckets;
}

export function emptyAssignments(totalBuckets: number): BucketAssignment[] {
  return Array.from({ length: totalBuckets }, () => ({
    primary: null,
    copies: [],
    initializing: [],
  }));
}

export function holdersOf(assignment: BucketAssignment): MemberKey[] {
  return [
    ...(assignment.primary ? [assignment.primary] : []),
    ...assignment.copies,
    ...assignment.initializing,
  ];
}

export function sameAssignments(
  a: readonly BucketAssignment[],
  b: readonly BucketAssignment[],
): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Current holders of one bucket, from the members' reports and the previous table. */
function reconcile(
  planning: Planning,
  bucket: number,
  previous: BucketAssignment | undefined,
): BucketAssignment {
  const ready = new Set<MemberKey>();
  const initializing = new Set<MemberKey>();
  for (const host of planning.hosts) {
    const report = planning.held.get(host);
    const was = roleIn(previous, host);
    if (!report) {
      if (was === 'primary' || was === 'copy') ready.add(host);
      else if (was === 'initializing') initializing.add(host);
      continue;
    }
    if (report.ready.includes(bucket)) ready.add(host);
    else if (report.initializing.includes(bucket) || was === 'initializing') initializing.add(host);
  }
  const primary = previous?.primary && ready.has(previous.primary) ? previous.primary : null;
  return {
    primary,
    copies: planning.hosts.filter((h) => ready.has(h) && h !== primary),
    initializing: planning.hosts.filter((h) => initializing.has(h) && !ready.has(h)),
  };
}

function roleIn(
  assignment: BucketAssignment | undefined,
  member: MemberKey,
): 'primary' | 'copy' | 'initializing' | undefined {
  if (!assignment) return undefined;
  if (assignment.primary === member) return 'primary';
  if (assignment.copies.includes(member)) return 'copy';
  return assignment.initializing.includes(member) ? 'initializing' : undefined;
}

function assignPrimary(planning: Planning, assignment: BucketAssignment): void {
  if (assignment.primary) return;
  const primaries = primaryCounts(planning);
  if (assignment.copies.length > 0) {
    const chosen = leastLoaded(assignment.copies, primaries, planning.hosts);
    assignment.copies = assignment.copies.filter((m) => m !== chosen);
    assignment.primary = chosen;
    return;
  }
  if (assignment.initializing.length > 0) {
    // Every ready copy is gone; the one that was filling has the most that is left.
    assignment.primary = assignment.initializing[0]!;
    assignment.initializing = assignment.initializing.slice(1);
    return;
  }
  const load = holdingCounts(planning);
  const byLoad = planning.hosts.map((h) => (load.get(h) ?? 0) * 1024 + (primaries.get(h) ?? 0));
  assignment.primary = planning.hosts[byLoad.indexOf(Math.min(...byLoad))]!;
}

function addMissingCopies(planning: Planning, assignment: BucketAssignment): void {
  while (holdersOf(assignment).length < planning.want) {
    const held = new Set(holdersOf(assignment));
    const candidates = planning.hosts.filter((h) => !held.has(h));
    if (candidates.length === 0) return;
    assignment.initializing.push(leastLoaded(candidates, holdingCounts(planning), planning.hosts));
  }
}

/** Moves buckets from the most loaded hosts to the least loaded through new copies. */
function balanceCopies(planning: Planning): void {
  if (planning.want >= planning.hosts.length) return;
  let moves = 0;
  while (moves < MAX_BALANCE_MOVES) {
    const load = holdingCounts(planning);
    const outgoing = pendingMoves(planning);
    const effective = (h: MemberKey): number => (load.get(h) ?? 0) - (outgoing.get(h) ?? 0);
    const sorted = [...planning.hosts].sort((a, b) => effective(b) - effective(a));
    const donor = sorted[0]!;
    const taker = sorted[sorted.length - 1]!;
    if (effective(donor) - effective(taker) <= 1) return;
    const bucket = planning.buckets.find(
      (a) =>
        a.initializing.length === 0 &&
        holdersOf(a).length === planning.want &&
        (a.primary === donor || a.copies.includes(donor)) &&
        !holdersOf(a).includes(taker),
    );
    if (!bucket) return;
    bucket.initializing.push(taker);
    moves++;
  }
}

/** A bucket with one holder too many loses the most loaded one (never its last primary). */
function trimExcess(planning: Planning, assignment: BucketAssignment): void {
  while (assignment.primary && 1 + assignment.copies.length > planning.want) {
    const load = holdingCounts(planning);
    const ready = [assignment.primary, ...assignment.copies];
    const heaviest = ready.reduce((a, b) => ((load.get(b) ?? 0) > (load.get(a) ?? 0) ? b : a));
    if (heaviest === assignment.primary) {
      const successor = leastLoaded(assignment.copies, primaryCounts(planning), planning.hosts);
      assignment.copies = assignment.copies.filter((m) => m !== successor);
      assignment.primary = successor;
    } else {
      assignment.copies = assignment.copies.filter((m) => m !== heaviest);
    }
  }
}

/**
 * Hands primaries to ready copies on hosts with at least two fewer, until no such pair is
 * left (counts then differ by one at most, where the copies allow it).
 */
function balancePrimaries(planning: Planning): void {
  for (let moved = true; moved;) {
    moved = false;
    for (const assignment of planning.buckets) {
      const counts = primaryCounts(planning);
      const current = assignment.primary;
      if (!current) continue;
      const taker = assignment.copies.find(
        (c) => (counts.get(c) ?? 0) <= (counts.get(current) ?? 0) - 2,
      );
      if (!taker) continue;
      assignment.copies = [...assignment.copies.filter((c) => c !== taker), current];
      assignment.primary = taker;
      moved = true;
    }
  }
}

function primaryCounts(planning: Planning): Map<MemberKey, number> {
  const counts = new Map<MemberKey, number>();
  for (const a of planning.buckets)
    if (a.primary) counts.set(a.primary, (counts.get(a.primary) ?? 0) + 1);
  return counts;
}

function holdingCounts(planning: Planning): Map<MemberKey, number> {
  const counts = new Map<MemberKey, number>();
  for (const a of planning.buckets)
    for (const h of holdersOf(a)) counts.set(h, (counts.get(h) ?? 0) + 1);
  return counts;
}

/** Holdings that will go once a copy being filled for balance is ready. */
function pendingMoves(planning: Planning): Map<MemberKey, number> {
  const load = holdingCounts(planning);
  const counts = new Map<MemberKey, number>();
  for (const a of planning.buckets) {
    if (a.initializing.length === 0 || holdersOf(a).length <= planning.want) continue;
    const ready = [a.primary, ...a.copies].filter((h): h is MemberKey => h !== null);
    if (ready.length === 0) continue;
    const donor = ready.reduce((x, y) => ((load.get(y) ?? 0) > (load.get(x) ?? 0) ? y : x));
    counts.set(donor, (counts.get(donor) ?? 0) + 1);
  }
  return counts;
}

/** The candidate with the lowest count; ties go to the older host. */
function leastLoaded(
  candidates: readonly MemberKey[],
  counts: ReadonlyMap<MemberKey, number>,
  hosts: readonly MemberKey[],
): MemberKey {
  return [...candidates].sort(
    (a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0) || hosts.indexOf(a) - hosts.indexOf(b),
  )[0]!;
}
