import { topologyOf, type SchedulePlan } from './schedule-plan.js';

/** Starting a deployment costs about as much as running this many scenarios on it. */
const START_COST_IN_SCENARIOS = 3;

export interface PickleLike {
  id: string;
  steps: ReadonlyArray<{ text: string }>;
}

/** What one cucumber worker is doing, as far as the coordinator can tell. */
interface Lane {
  /** The scenario last given to it. */
  current: string | undefined;
  /** Topologies its deployment pool holds, least recently used first. */
  pool: string[];
  /** Scenarios turned down since its last assignment (to notice a wrong plan). */
  declined: Set<string>;
  starving: boolean;
}

/**
 * Keeps the scenarios of one topology on the worker that already runs it, so that each
 * topology is started as few times as possible (a start costs seconds; a reset between
 * scenarios costs milliseconds). For cucumber's setParallelCanAssign, which runs in the
 * coordinator and is asked, for one idle worker at a time, about each waiting scenario in
 * order until it says yes. The worker is not named, so it is inferred: the idle one is the
 * one whose scenario is no longer in progress (or a new one).
 *
 * An idle worker takes, in order of preference: a scenario of a topology it holds; while any
 * such scenario waits, nothing else. Then a topology no other worker holds. Then, when every
 * waiting topology is held elsewhere, one with enough scenarios waiting to repay starting
 * its own copy (so a long tail is shared); else it stays idle. Scenarios without a topology
 * step go anywhere.
 */
export class TopologyAffinity {
  readonly #remaining: Map<string, number>;
  readonly #poolSize: number;
  readonly #lanes: Lane[] = [];

  constructor(plan: SchedulePlan, poolSize: number) {
    this.#remaining = new Map(Object.entries(plan.scenariosPerTopology));
    this.#poolSize = Math.max(1, poolSize);
  }

  canAssign(pickle: PickleLike, inProgress: readonly PickleLike[]): boolean {
    const topology = topologyOf(pickle.steps);
    const lane = this.#idleLane(inProgress, topology);
    // With nothing in progress nobody else could take it: never leave every worker idle.
    if (inProgress.length > 0 && !this.#accepts(lane, pickle.id, topology)) return false;
    this.#assign(lane, pickle.id, topology);
    return true;
  }

  /** How many workers this scheduler has seen (for tests and diagnostics). */
  get workers(): number {
    return this.#lanes.length;
  }

  /**
   * The worker being asked: the one whose scenario is no longer in progress, or a new one.
   * When several are idle (one stayed idle on purpose), the one holding the scenario's
   * topology is assumed: the asked worker cannot be told apart, and this keeps the guess
   * that matters (which topologies a worker holds) right whenever the holder is asked.
   */
  #idleLane(inProgress: readonly PickleLike[], topology: string | undefined): Lane {
    const running = new Set(inProgress.map((p) => p.id));
    const idle = this.#lanes.filter(
      (lane) => lane.current === undefined || !running.has(lane.current),
    );
    const holder = idle.find((lane) => topology !== undefined && lane.pool.includes(topology));
    if (holder ?? idle[0]) return (holder ?? idle[0])!;
    const lane: Lane = { current: undefined, pool: [], declined: new Set(), starving: false };
    this.#lanes.push(lane);
    return lane;
  }

  #accepts(lane: Lane, pickleId: string, topology: string | undefined): boolean {
    if (lane.declined.has(pickleId)) {
      // Asked about the same scenario again without taking anything since: the last round
      // found nothing it was waiting for, so the plan was wrong. Take anything rather than idle.
      lane.starving = true;
    }
    if (lane.starving || topology === undefined || !this.#remaining.has(topology)) return true;
    const decision = this.#decide(lane, topology);
    if (decision === 'later') lane.declined.add(pickleId);
    return decision === 'take';
  }

  /**
   * 'later': a better scenario for this worker is waiting further on; 'idle': joining the
   * workers that hold this topology would cost a start that its few waiting scenarios do
   * not repay (a start costs about three scenarios: join only if each of the h+1 workers
   * then saves more than that).
   */
  #decide(lane: Lane, topology: string): 'take' | 'later' | 'idle' {
    if (lane.pool.includes(topology)) return 'take';
    if (lane.pool.some((held) => this.#waiting(held))) return 'later';
    const holders = this.#lanes.filter((l) => l !== lane && l.pool.includes(topology)).length;
    if (holders === 0) return 'take';
    const heldElsewhere = new Set(this.#lanes.filter((l) => l !== lane).flatMap((l) => l.pool));
    if ([...this.#remaining.keys()].some((t) => this.#waiting(t) && !heldElsewhere.has(t)))
      return 'later';
    const worthAStart = START_COST_IN_SCENARIOS * holders * (holders + 1);
    return (this.#remaining.get(topology) ?? 0) > worthAStart ? 'take' : 'idle';
  }

  #waiting(topology: string): boolean {
    return (this.#remaining.get(topology) ?? 0) > 0;
  }

  #assign(lane: Lane, pickleId: string, topology: string | undefined): void {
    lane.current = pickleId;
    lane.declined.clear();
    lane.starving = false;
    if (topology === undefined) return;
    const remaining = this.#remaining.get(topology);
    if (remaining !== undefined) this.#remaining.set(topology, Math.max(0, remaining - 1));
    lane.pool = [...lane.pool.filter((t) => t !== topology), topology].slice(-this.#poolSize);
  }
}
