import type { RawGatewayClient } from '../../harness/client/raw-gateway-client.js';
import type { ProbeOutcome } from '../../harness/engines/engine-driver.js';
import type { KeepWriting } from '../../harness/workload/keep-writing.js';
import type { WanWorld } from './world.js';

export interface PendingStop {
  startedMs: number;
  finished?: { elapsedMs: number; error?: Error };
  promise: Promise<void>;
}

/**
 * What the gateway steps remember within one scenario. Kept beside the world (one per
 * scenario) rather than in it, so that these steps add no fields to the shared world.
 */
export interface ScenarioState {
  toxics: Array<{ link: string; name: string }>;
  stops: Map<string, PendingStop>;
  lastStopElapsedMs?: number;
  pausedInFlightEvents?: number;
  refusal?: unknown;
  rawClient?: RawGatewayClient;
  writer?: KeepWriting;
  probe?: ProbeOutcome;
  /** Forged frames sent (security.steps.ts): what the target counted and its pid before. */
  forged?: Map<string, { pid: number; protocolErrors: number }>;
  /** SEC-4: each locator's authenticationsRefused before a forged exchange was sent to it. */
  refusedBefore?: Map<string, number>;
}

const states = new WeakMap<WanWorld, ScenarioState>();

export function stateOf(world: WanWorld): ScenarioState {
  let state = states.get(world);
  if (!state) {
    state = { toxics: [], stops: new Map() };
    states.set(world, state);
  }
  return state;
}
