import type { Capability } from '../../contract/index.js';
import { HarnessError } from '../errors.js';
import { checkerNeeds, experimentNeeds } from '../chaos/experiment-needs.js';
import type { CheckerName } from '../experiment/experiment-schema.js';
import type { ChaosDeployment } from './chaos-deployment.js';
import type { PlannedFault } from './planned-fault.js';

/** A checker the engine cannot feed: it is judged n/a, naming what the engine lacks. */
export interface NotApplicableChecker {
  checker: CheckerName;
  engine: string;
  missing: string[];
}

/**
 * Checks, before a run starts, that the engine has what the run acts through: the
 * applied-event log its history is read from, and what its faults act through (a rebalance
 * fault needs sender-rebalance, a clock skew clock-offset). Without one the run could only be
 * unknown, so it is refused, naming what is missing. A checker that judges through something
 * the engine lacks (duplicates needs possible-duplicate-flag) does not stop the run: it is
 * returned, to be judged n/a while the others judge the run.
 */
export function preflight(
  schedule: readonly PlannedFault[],
  checkers: readonly CheckerName[],
  deployment: Pick<ChaosDeployment, 'capabilities' | 'engineName'>,
): NotApplicableChecker[] {
  const has = (need: Capability): boolean => deployment.capabilities.has(need);
  const missing = experimentNeeds(
    schedule.map((f) => f.kind),
    [],
  ).filter((need) => !has(need));
  if (missing.length > 0) {
    throw new HarnessError(
      'WANLAB_ENGINE_UNSUPPORTED',
      `the experiment needs ${missing.join(', ')}, which the ${deployment.engineName} engine does not have`,
      'remove the faults that need them, or run it against an engine that has them (contract/capabilities.ts)',
    );
  }
  return checkers.flatMap((checker) => {
    const need = checkerNeeds(checker);
    return need && !has(need) ? [{ checker, engine: deployment.engineName, missing: [need] }] : [];
  });
}
