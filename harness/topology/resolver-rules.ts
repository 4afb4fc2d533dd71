import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { TopologyIssue } from './topology-error.js';
import type { PluginModuleSpec, TopologySpec } from './topology-schema.js';

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

/**
 * CONS-6: a region's resolver module must be a file the member can import. Whether it loads
 * and exports the interface is the member's to say when it starts (engine/conflict/).
 */
export function resolverIssues(spec: TopologySpec, baseDir: string): TopologyIssue[] {
  return spec.sites.flatMap((site, s) =>
    (site.regions ?? []).flatMap((region, r) => {
      const resolver = region.conflict?.resolver;
      if (resolver === undefined) return [];
      const module = typeof resolver === 'string' ? resolver : resolver.module;
      const at = ['sites', s, 'regions', r, 'conflict', 'resolver'];
      return moduleIssue(
        'resolver',
        module,
        resolve(baseDir, module),
        typeof resolver === 'string' ? at : [...at, 'module'],
      );
    }),
  );
}

/** Issue 15: each event filter of a sender (or of the sender defaults) must be a module file. */
export function eventFilterIssues(spec: TopologySpec, baseDir: string): TopologyIssue[] {
  const lists: Array<{ filters: readonly PluginModuleSpec[]; at: Array<string | number> }> = [
    { filters: spec.defaults?.sender?.eventFilters ?? [], at: ['defaults', 'sender'] },
    ...spec.sites.flatMap((site, s) =>
      (site.senders ?? []).map((sender, i) => ({
        filters: sender.eventFilters ?? [],
        at: ['sites', s, 'senders', i] as Array<string | number>,
      })),
    ),
  ];
  return lists.flatMap(({ filters, at }) =>
    filters.flatMap((filter, f) => {
      const module = typeof filter === 'string' ? filter : filter.module;
      const path = [...at, 'eventFilters', f];
      return moduleIssue(
        'event filter',
        module,
        resolve(baseDir, module),
        typeof filter === 'string' ? path : [...path, 'module'],
      );
    }),
  );
}

function moduleIssue(
  kind: string,
  module: string,
  file: string,
  path: Array<string | number>,
): TopologyIssue[] {
  if (!MODULE_EXTENSIONS.has(extname(file))) {
    return [
      {
        path,
        message: `${kind} module "${module}" is not a JavaScript or TypeScript file`,
        hint: `name a file ending in ${[...MODULE_EXTENSIONS].join(', ')}`,
      },
    ];
  }
  if (existsSync(file) && statSync(file).isFile()) return [];
  return [
    {
      path,
      message: `${kind} module "${module}" does not exist (looked for ${file})`,
      hint: 'module paths are relative to the topology file',
    },
  ];
}
