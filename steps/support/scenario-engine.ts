import { join, relative } from 'node:path';
import { engineFor, runEngine } from '../../harness/engines/engine-choice.js';
import type { EngineDriver } from '../../harness/engines/engine-driver.js';
import { topologyOf } from '../../harness/schedule/schedule-plan.js';
import { loadTopology } from '../../harness/topology/load-topology.js';

const byTopology = new Map<string, EngineDriver>();

/**
 * The engine a scenario runs on, before it starts anything: WANLAB_ENGINE (--engine), else
 * the engine its topology names, else wanlab. A topology that does not load leaves the
 * choice to the run: the topology step will fail the scenario with the reason.
 */
export function scenarioEngine(
  steps: ReadonlyArray<{ text: string }>,
  topologyDir: string,
): EngineDriver {
  const name = topologyOf(steps);
  if (name === undefined || process.env.WANLAB_ENGINE) return runEngine();
  let driver = byTopology.get(name);
  if (!driver) {
    try {
      driver = engineFor(loadTopology(relative(process.cwd(), join(topologyDir, `${name}.yaml`))));
    } catch {
      driver = runEngine();
    }
    byTopology.set(name, driver);
  }
  return driver;
}
