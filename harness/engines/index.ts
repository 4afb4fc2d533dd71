import { HarnessError } from '../errors.js';
import type { EngineDriver } from './engine-driver.js';
import { geodeDriver } from './geode/geode-driver.js';
import { wanlabDriver } from './wanlab/wanlab-driver.js';

/** The engines the harness can run, by the name topologies and --engine use. */
const DRIVERS: ReadonlyMap<string, EngineDriver> = new Map([
  [wanlabDriver.name, wanlabDriver],
  [geodeDriver.name, geodeDriver],
]);

/** The engine when nothing names one. */
export const DEFAULT_ENGINE = 'wanlab';

export function knownEngines(): string[] {
  return [...DRIVERS.keys()];
}

export function isKnownEngine(name: string): boolean {
  return DRIVERS.has(name);
}

/** The driver of a named engine; `source` says where the name came from, for the error. */
export function driverNamed(name: string, source: string): EngineDriver {
  const driver = DRIVERS.get(name);
  if (driver) return driver;
  throw new HarnessError(
    'WANLAB_USAGE',
    `${source} names the engine "${name}", which the harness does not know`,
    `known engines: ${knownEngines().join(', ')}`,
  );
}

export type { EngineDriver } from './engine-driver.js';

/** What the reports say of a driver: its name, version and declared capabilities. */
export function driverIdentity(driver: EngineDriver): {
  name: string;
  version: string;
  capabilities: string[];
} {
  return {
    name: driver.name,
    version: driver.version,
    capabilities: [...driver.capabilities].sort(),
  };
}
