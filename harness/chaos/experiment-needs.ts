import type { Capability } from '../../contract/index.js';
import type { CheckerName } from '../experiment/experiment-schema.js';
import type { FaultKind } from '../experiment/model.js';

/** Faults that act through a route not every engine has. */
const FAULT_NEEDS: Partial<Record<FaultKind, Capability>> = {
  'clock-skew': 'clock-offset',
  rebalance: 'sender-rebalance',
};

/** Checkers that judge something not every engine records. */
const CHECKER_NEEDS: Partial<Record<CheckerName, Capability>> = {
  duplicates: 'possible-duplicate-flag',
};

/** What one checker judges through, if anything beyond the applied-event log. */
export function checkerNeeds(name: CheckerName): Capability | undefined {
  return CHECKER_NEEDS[name];
}

/**
 * What a chaos run needs of its engine: the applied-event log (the history is read from it),
 * and whatever its faults and checkers act through.
 */
export function experimentNeeds(
  faults: readonly FaultKind[],
  checkers: readonly CheckerName[],
): Capability[] {
  const needs = new Set<Capability>(['applied-log']);
  for (const kind of faults) {
    const need = FAULT_NEEDS[kind];
    if (need) needs.add(need);
  }
  for (const name of checkers) {
    const need = CHECKER_NEEDS[name];
    if (need) needs.add(need);
  }
  return [...needs];
}
