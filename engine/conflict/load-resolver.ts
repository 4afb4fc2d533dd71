import type { RegionConfig } from '../config/member-config.js';
import type { ResolverConfig } from '../../contract/conflict-settings.js';
import { createFromModule, pluginFailure } from '../plugin/create-from-module.js';
import type { ConflictResolver } from '../../contract/resolver-api.js';

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
  const fail = pluginFailure(
    'WAN_ERR_RESOLVER_INVALID',
    `conflict resolver ${config.module} of region "${region}"`,
  );
  const resolver = await createFromModule(config.module, 'createResolver', config.options, fail, {
    missing: 'set conflict.resolver.module to the absolute path of a module',
    noFactory:
      'export createResolver(options) returning { resolve(conflict) } (docs/conflict-resolvers.md)',
    badOptions: 'fix conflict.resolver.options',
  });
  if (typeof (resolver as { resolve?: unknown } | null)?.resolve !== 'function') {
    throw fail(
      'has a createResolver that does not return an object with resolve(conflict)',
      'return { resolve(conflict) { ... } } from createResolver (docs/conflict-resolvers.md)',
    );
  }
  return resolver as ConflictResolver;
}
