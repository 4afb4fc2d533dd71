import type { EngineRole } from '../runtime/runtime.js';

/** The parts of a deployment's start, in the order they run (issue 19: where the time goes). */
export const STARTUP_PHASES = [
  'runtime-open',
  'plan-and-ports',
  'toxiproxy-start',
  'toxiproxy-ready',
  'proxies',
  'processes',
  'late-proxies',
  'discovery',
] as const;
export type StartupPhase = (typeof STARTUP_PHASES)[number];

/** One locator's or member's start: launching it, then until its /health answered. */
export interface ProcessStartup {
  name: string;
  role: EngineRole;
  launchMs: number;
  healthyMs: number;
}

/** Written to the run folder as startup.json, and into deployment.json by `wanlab up`. */
export interface StartupTimings {
  totalMs: number;
  phases: Record<StartupPhase, number>;
  /** Processes start together: the `processes` phase is about the slowest of them. */
  processes: ProcessStartup[];
}

/** Times the phases of one start with a monotonic clock (injected in tests). */
export class StartupClock {
  readonly #now: () => number;
  readonly #startedMs: number;
  readonly #phases = new Map<StartupPhase, number>();

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#startedMs = now();
  }

  async phase<T>(name: StartupPhase, work: () => Promise<T> | T): Promise<T> {
    const startedMs = this.#now();
    try {
      return await work();
    } finally {
      this.#phases.set(name, (this.#phases.get(name) ?? 0) + this.#now() - startedMs);
    }
  }

  finish(processes: readonly ProcessStartup[]): StartupTimings {
    const phases = Object.fromEntries(
      STARTUP_PHASES.map((name) => [name, rounded(this.#phases.get(name) ?? 0)]),
    ) as Record<StartupPhase, number>;
    return {
      totalMs: rounded(this.#now() - this.#startedMs),
      phases,
      processes: processes.map((p) => ({
        ...p,
        launchMs: rounded(p.launchMs),
        healthyMs: rounded(p.healthyMs),
      })),
    };
  }
}

function rounded(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** One line for people: the phases that took time, and the slowest process. */
export function describeStartup(timings: StartupTimings): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  const parts = STARTUP_PHASES.filter((name) => timings.phases[name] >= 5).map(
    (name) => `${name} ${seconds(timings.phases[name])}`,
  );
  const slowest = [...timings.processes].sort(
    (a, b) => b.launchMs + b.healthyMs - (a.launchMs + a.healthyMs),
  )[0];
  const process = slowest
    ? `; slowest process ${slowest.name} (launch ${seconds(slowest.launchMs)}, healthy after ${seconds(slowest.healthyMs)})`
    : '';
  return `${parts.join(', ')}${process}`;
}
