import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { RegionConfig } from '../config/member-config.js';
import type { ResolverConfig } from '../../contract/conflict-settings.js';
import { EngineError, errorMessage } from '../errors.js';
import { importModule } from '../plugin/import-module.js';
import type { JsonValue } from '../region/region-event.js';
import type { ConflictResolver, ResolverFactory } from '../../contract/resolver-api.js';

/**
 * Loads every region's resolver module when the member starts (CONS-6). A module that is
 * missing, does not load, or does not export `createResolver(options)` returning an object
 * with `resolve(conflict)` stops the start with an error naming the file and the region.
 */
export async function loadRegionResolvers(
  regions: readonly RegionConfig[],
): Promise<Map<string, ConflictResolver>> {
  const resolvers = new Map<string, ConflictResolver>();
  for (const region of regions) {
    const config = region.conflict.resolver;
    if (config) resolvers.set(region.name, await loadResolver(region.name, config));
  }
  return resolvers;
}

export async function loadResolver(
  region: string,
  config: ResolverConfig,
): Promise<ConflictResolver> {
  const file = config.module;
  const fail = (problem: string, hint: string, cause?: unknown): EngineError =>
    new EngineError(
      'WAN_ERR_RESOLVER_INVALID',
      `conflict resolver ${file} of region "${region}" ${problem}`,
      hint,
      cause === undefined ? undefined : { cause },
    );
  if (!isAbsolute(file) || !existsSync(file)) {
    throw fail('does not exist', 'set conflict.resolver.module to the absolute path of a module');
  }
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
  const factory = exports.createResolver;
  if (typeof factory !== 'function') {
    throw fail(
      'does not export a function createResolver(options)',
      'export createResolver(options) returning { resolve(conflict) } (docs/conflict-resolvers.md)',
    );
  }
  let resolver: unknown;
  try {
    resolver = (factory as ResolverFactory)(config.options as Record<string, JsonValue>);
  } catch (cause) {
    throw fail(
      `rejected its options ${JSON.stringify(config.options)}: ${errorMessage(cause)}`,
      'fix conflict.resolver.options',
      cause,
    );
  }
  if (typeof (resolver as { resolve?: unknown } | null)?.resolve !== 'function') {
    throw fail(
      'has a createResolver that does not return an object with resolve(conflict)',
      'return { resolve(conflict) { ... } } from createResolver (docs/conflict-resolvers.md)',
    );
  }
  return resolver as ConflictResolver;
}
