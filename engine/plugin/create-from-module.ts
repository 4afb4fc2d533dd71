import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { JsonValue } from '../../contract/json.js';
import { EngineError, errorMessage } from '../errors.js';
import { importModule } from './import-module.js';

/** Builds the error of one plug-in: its code, and what it is ("event filter X of sender Y"). */
export type PluginFailure = (problem: string, hint: string, cause?: unknown) => EngineError;

export function pluginFailure(
  code: 'WAN_ERR_RESOLVER_INVALID' | 'WAN_ERR_EVENT_FILTER_INVALID',
  what: string,
): PluginFailure {
  return (problem, hint, cause) =>
    new EngineError(code, `${what} ${problem}`, hint, cause === undefined ? undefined : { cause });
}

/**
 * A user's plug-in (a conflict resolver, a gateway event filter), made the one way: the module
 * must exist, import, export `factory` as a function, and accept `options`. What the factory
 * returns is the caller's to check. Every failure is `fail`'s error, naming the problem.
 */
export async function createFromModule(
  file: string,
  factory: string,
  options: Record<string, unknown>,
  fail: PluginFailure,
  hints: { missing: string; noFactory: string; badOptions: string },
): Promise<unknown> {
  if (!isAbsolute(file) || !existsSync(file)) throw fail('does not exist', hints.missing);
  let exports: Record<string, unknown>;
  try {
    exports = await importModule(file);
  } catch (cause) {
    throw fail(
      `cannot be loaded: ${errorMessage(cause)}`,
      'fix the module so that it imports',
      cause,
    );
  }
  const create = exports[factory];
  if (typeof create !== 'function') {
    throw fail(`does not export a function ${factory}(options)`, hints.noFactory);
  }
  try {
    return (create as (options: Record<string, JsonValue>) => unknown)(
      options as Record<string, JsonValue>,
    );
  } catch (cause) {
    throw fail(
      `rejected its options ${JSON.stringify(options)}: ${errorMessage(cause)}`,
      hints.badOptions,
      cause,
    );
  }
}
