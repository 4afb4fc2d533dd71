import type { Topology } from '../topology/model.js';
import { DEFAULT_ENGINE, driverNamed, type EngineDriver } from './index.js';

export const ENGINE_ENV = 'WANLAB_ENGINE';

/** Checks an engine name from the command line or the environment. */
export function parseEngineName(value: string, source: string): string {
  return driverNamed(value, source).name;
}

/** The engine a run asked for: --engine, else WANLAB_ENGINE; undefined: each topology's. */
export function requestedEngine(option: string | undefined): string | undefined {
  if (option) return parseEngineName(option, '--engine');
  const env = process.env[ENGINE_ENV];
  return env ? parseEngineName(env, ENGINE_ENV) : undefined;
}

/**
 * The engine a topology runs on: WANLAB_ENGINE when set (a whole run switches, e.g.
 * `wanlab test --engine geode`), else the topology's `engine`, else wanlab. The command line
 * reaches this as WANLAB_ENGINE, so it beats the environment, which beats the topology.
 */
export function engineFor(topology: Pick<Topology, 'engineName' | 'source'>): EngineDriver {
  const forced = process.env[ENGINE_ENV];
  if (forced) return driverNamed(forced, ENGINE_ENV);
  if (topology.engineName) return driverNamed(topology.engineName, topology.source);
  return driverNamed(DEFAULT_ENGINE, 'the default engine');
}

/** The engine of a run where no topology says one: WANLAB_ENGINE, else wanlab. */
export function runEngine(): EngineDriver {
  return engineFor({ source: 'the run' });
}
