import { parseEngineName } from '../engines/engine-choice.js';
import { parseRuntimeKind, RUNTIME_ENV } from '../runtime/runtime-choice.js';
import type { RuntimeKind } from '../runtime/runtime.js';

export interface HarnessOptions {
  runtime?: RuntimeKind;
  engine?: string;
  rest: string[];
}

/**
 * Takes `--runtime <kind>` and `--engine <name>` (or `--runtime=<kind>`, `--engine=<name>`)
 * out of arguments meant for cucumber-js, which would reject them; the rest passes through
 * untouched.
 */
export function takeHarnessOptions(args: string[]): HarnessOptions {
  const rest: string[] = [];
  const taken: Omit<HarnessOptions, 'rest'> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const option = ['--runtime', '--engine'].find((o) => arg === o || arg.startsWith(`${o}=`));
    if (!option) {
      rest.push(arg);
      continue;
    }
    const value = (arg === option ? args[++i] : arg.slice(option.length + 1)) ?? '';
    if (option === '--runtime') taken.runtime = parseRuntimeKind(value, option);
    else taken.engine = parseEngineName(value, option);
  }
  return { ...taken, rest };
}

/** The runtime a test run asked for: --runtime, else WANLAB_RUNTIME, else each topology's. */
export function requestedRuntime(option: RuntimeKind | undefined): RuntimeKind | undefined {
  if (option) return option;
  const env = process.env[RUNTIME_ENV];
  return env ? parseRuntimeKind(env, RUNTIME_ENV) : undefined;
}
