import { parseRuntimeKind, RUNTIME_ENV } from '../runtime/runtime-choice.js';
import type { RuntimeKind } from '../runtime/runtime.js';

/** The runtime a test run asked for: --runtime, else WANLAB_RUNTIME, else each topology's. */
export function requestedRuntime(option: RuntimeKind | undefined): RuntimeKind | undefined {
  if (option) return option;
  const env = process.env[RUNTIME_ENV];
  return env ? parseRuntimeKind(env, RUNTIME_ENV) : undefined;
}
