import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { HarnessError } from '../../errors.js';

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * Static imports and re-exports start a line of compiled output; dynamic ones are calls. Prose
 * in a comment ("tells this from 'that'") is neither, so it is never taken for a package.
 */
const IMPORT_SPECIFIER =
  /^\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/gm;

/** The npm packages a compiled ES module imports by bare name (`fastify`, `@scope/x`). */
export function bareImports(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(IMPORT_SPECIFIER)) {
    const specifier = (match[1] ?? match[2])!;
    if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier)) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
  }
  return [...names];
}

/** Node's lookup: `<dir>/node_modules/<name>` from `fromDir` up to `root`. */
function locatePackage(name: string, fromDir: string, root: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
  }
}

function readPackageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/**
 * Every installed package folder (relative to `root`) that `entryPackages` need at run time:
 * their dependencies, installed optional dependencies (native prebuilds for this platform)
 * and installed peers, transitively. A required dependency that is not installed is an error.
 */
export function packageClosure(root: string, entryPackages: string[]): string[] {
  const found = new Set<string>();
  const queue = entryPackages.map((name) => ({ name, from: root, required: true, by: 'engine' }));
  while (queue.length > 0) {
    const { name, from, required, by } = queue.shift()!;
    const dir = locatePackage(name, from, root);
    if (dir === undefined) {
      if (!required) continue;
      throw new HarnessError(
        'WANLAB_IMAGE_BUILD_FAILED',
        `package ${name} (needed by ${by}) is not installed under ${root}`,
        'run `npm ci`, then build the images again',
      );
    }
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = readPackageJson(dir);
    // npm lets optionalDependencies override a same-named entry of dependencies.
    const optional = new Set(Object.keys(pkg.optionalDependencies ?? {}));
    const add = (deps: Record<string, string> | undefined, isRequired: boolean): void => {
      for (const dep of Object.keys(deps ?? {})) {
        if (isRequired && optional.has(dep)) continue;
        queue.push({ name: dep, from: dir, required: isRequired, by: pkg.name ?? name });
      }
    };
    add(pkg.dependencies, true);
    add(pkg.optionalDependencies, false);
    add(pkg.peerDependencies, false);
  }
  return [...found].map((dir) => relative(root, dir).split(sep).join('/')).sort();
}
