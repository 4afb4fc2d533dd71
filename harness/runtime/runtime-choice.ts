import { HarnessError } from '../errors.js';
import type { Topology } from '../topology/model.js';
import { ContainerRuntime } from './container-runtime.js';
import { ProcessRuntime } from './process-runtime.js';
import type { Runtime, RuntimeKind } from './runtime.js';

export type RuntimeFactory = (stateDir: string, runDir: string) => Runtime;

export const RUNTIME_ENV = 'WANLAB_RUNTIME';
const KINDS: readonly RuntimeKind[] = ['process', 'container'];

/** Checks a runtime name from the command line or the environment. */
export function parseRuntimeKind(value: string, source: string): RuntimeKind {
  if ((KINDS as readonly string[]).includes(value)) return value as RuntimeKind;
  throw new HarnessError(
    'WANLAB_USAGE',
    `${source} must be process or container, not "${value}"`,
    `e.g. ${RUNTIME_ENV}=container npx wanlab test, or --runtime container`,
  );
}

/**
 * The runtime a topology runs on: WANLAB_RUNTIME when set (a whole test run switches, e.g.
 * `wanlab test --runtime container`), else the topology's `runtime` field.
 */
export function runtimeKindFor(topology: Topology): RuntimeKind {
  const forced = process.env[RUNTIME_ENV];
  if (forced !== undefined && forced !== '') return parseRuntimeKind(forced, RUNTIME_ENV);
  return topology.runtime;
}

export function runtimeFactory(kind: RuntimeKind): RuntimeFactory {
  return kind === 'container'
    ? (stateDir, runDir) => new ContainerRuntime(stateDir, runDir)
    : (stateDir, runDir) => new ProcessRuntime(stateDir, runDir);
}
