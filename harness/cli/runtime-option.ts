import { parseRuntimeKind, RUNTIME_ENV } from '../runtime/runtime-choice.js';
import type { RuntimeKind } from '../runtime/runtime.js';

/**
 * Takes `--runtime <kind>` (or `--runtime=<kind>`) out of arguments meant for cucumber-js,
 * which would reject it; the rest passes through untouched.
 */
export function takeRuntimeOption(args: string[]): { runtime?: RuntimeKind; rest: string[] } {
  const rest: string[] = [];
  let runtime: RuntimeKind | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--runtime' || arg.startsWith('--runtime=')) {
      const value = arg === '--runtime' ? args[++i] : arg.slice('--runtime='.length);
      runtime = parseRuntimeKind(value ?? '', '--runtime');
      continue;
    }
    rest.push(arg);
  }
  return runtime === undefined ? { rest } : { runtime, rest };
}

/** The runtime a test run asked for: --runtime, else WANLAB_RUNTIME, else each topology's. */
export function requestedRuntime(option: RuntimeKind | undefined): RuntimeKind | undefined {
  if (option) return option;
  const env = process.env[RUNTIME_ENV];
  return env ? parseRuntimeKind(env, RUNTIME_ENV) : undefined;
}
