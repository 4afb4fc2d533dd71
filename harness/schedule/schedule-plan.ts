import { HarnessError } from '../errors.js';

/**
 * What the parallel scheduler needs to know before a run: how many scenarios use each
 * topology. The wanlab CLI computes it from its pre-flight dry run and hands it to cucumber's
 * coordinator through WANLAB_SCHEDULE.
 */
export const SCHEDULE_ENV = 'WANLAB_SCHEDULE';

/** The step that names a scenario's topology (steps/topology.steps.ts defines it). */
export const TOPOLOGY_STEP = 'the topology {string} is running';
const TOPOLOGY_STEP_TEXT = /^the topology "([^"]*)" is running$/;

export interface SchedulePlan {
  /** Scenarios per topology; scenarios without a topology step are not counted. */
  scenariosPerTopology: Record<string, number>;
}

/** The topology a scenario starts (the first topology step, Background included), if any. */
export function topologyOf(steps: ReadonlyArray<{ text: string }>): string | undefined {
  for (const step of steps) {
    const name = TOPOLOGY_STEP_TEXT.exec(step.text)?.[1];
    if (name !== undefined) return name;
  }
  return undefined;
}

export function planOf(
  pickles: ReadonlyArray<{ steps: ReadonlyArray<{ text: string }> }>,
): SchedulePlan {
  const scenariosPerTopology: Record<string, number> = {};
  for (const pickle of pickles) {
    const topology = topologyOf(pickle.steps);
    if (topology !== undefined)
      scenariosPerTopology[topology] = (scenariosPerTopology[topology] ?? 0) + 1;
  }
  return { scenariosPerTopology };
}

export function encodePlan(plan: SchedulePlan): string {
  return JSON.stringify(plan);
}

export function decodePlan(text: string): SchedulePlan {
  try {
    const value = JSON.parse(text) as Partial<SchedulePlan>;
    const counts = value.scenariosPerTopology;
    if (
      counts &&
      typeof counts === 'object' &&
      Object.values(counts).every((n) => Number.isInteger(n) && n >= 0)
    )
      return { scenariosPerTopology: counts };
  } catch {
    // reported below
  }
  throw new HarnessError(
    'WANLAB_USAGE',
    `${SCHEDULE_ENV} is not a schedule plan: ${text.slice(0, 80)}`,
    `unset ${SCHEDULE_ENV}; wanlab test sets it itself`,
  );
}
