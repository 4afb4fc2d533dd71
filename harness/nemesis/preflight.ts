import { HarnessError } from '../errors.js';
import { experimentNeeds } from '../chaos/experiment-needs.js';
import type { CheckerName } from '../experiment/experiment-schema.js';
import type { ChaosDeployment } from './chaos-deployment.js';
import type { PlannedFault } from './planned-fault.js';

/**
 * Checks, before a run starts, that the engine has every capability the run needs: the
 * applied-event log its history is read from, and what its faults and checkers act through
 * (a rebalance fault needs sender-rebalance, a clock skew clock-offset). An engine without
 * one would only give an unknown verdict; the run is refused instead, naming what is missing.
 */
export function preflight(
  schedule: readonly PlannedFault[],
  checkers: readonly CheckerName[],
  deployment: Pick<ChaosDeployment, 'capabilities' | 'engineName'>,
): void {
  const missing = experimentNeeds(
    schedule.map((f) => f.kind),
    checkers,
  ).filter((need) => !deployment.capabilities.has(need));
  if (missing.length === 0) return;
  throw new HarnessError(
    'WANLAB_ENGINE_UNSUPPORTED',
    `the experiment needs ${missing.join(', ')}, which the ${deployment.engineName} engine does not have`,
    'remove the faults or checkers that need them, or run it against an engine that has them (contract/capabilities.ts)',
  );
}
