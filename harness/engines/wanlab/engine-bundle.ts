import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineRole } from '../../runtime/runtime.js';

/** What scripts/bundle-engine.mjs records beside each bundle, paths from the project root. */
interface BundleInputs {
  bundle: string;
  inputs: string[];
}

/**
 * The single-file build of a role's entry point (dist/bundle/<role>.mjs) when it is at least as
 * new as every compiled file it was made from; undefined otherwise, and the process runs from
 * dist/ itself. So a rebuild without bundling, or a mutant compiled into dist/, is never
 * shadowed by an older bundle.
 */
export function freshBundle(root: string, role: EngineRole): string | undefined {
  let record: BundleInputs;
  try {
    record = JSON.parse(
      readFileSync(join(root, 'dist', 'bundle', `${role}.inputs.json`), 'utf8'),
    ) as BundleInputs;
  } catch {
    return undefined;
  }
  const bundle = join(root, record.bundle);
  const builtMs = mtimeMs(bundle);
  if (builtMs === undefined || !Array.isArray(record.inputs) || record.inputs.length === 0) {
    return undefined;
  }
  const stale = record.inputs.some((input) => {
    const changedMs = mtimeMs(join(root, input));
    return changedMs === undefined || changedMs > builtMs;
  });
  return stale ? undefined : bundle;
}

function mtimeMs(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}
