import { HarnessError } from '../errors.js';
import type { Topology } from '../topology/model.js';

export type RuntimeKind = Topology['runtime'];

/**
 * `wanlab test|conformance --runtime <kind>` reaches the cucumber workers (separate
 * processes) through this variable; the deployment pool applies it to every topology.
 */
export const RUNTIME_ENV = 'WANLAB_RUNTIME';

const KINDS: readonly RuntimeKind[] = ['process', 'container'];

export function parseRuntimeKind(value: string, where: string): RuntimeKind {
  const kind = KINDS.find((k) => k === value);
  if (kind) return kind;
  throw new HarnessError(
    'WANLAB_USAGE',
    `${where} must be ${KINDS.join(' or ')}, not "${value}"`,
    `e.g. ${where} process`,
  );
}

/** The runtime asked for on the command line, if any (unset or empty: each topology's own). */
export function runtimeFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeKind | undefined {
  const value = env[RUNTIME_ENV];
  return value ? parseRuntimeKind(value, RUNTIME_ENV) : undefined;
}

/** The topology as it will run: the command line's runtime wins over the file's. */
export function withRuntime(topology: Topology, runtime: RuntimeKind | undefined): Topology {
  return runtime === undefined ? topology : { ...topology, runtime };
}
