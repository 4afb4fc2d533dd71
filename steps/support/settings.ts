import { resolve } from 'node:path';
import { HarnessError } from '../../harness/errors.js';
import { projectRoot } from '../../harness/util/project-root.js';

/** Deployments one worker keeps running at once (WANLAB_POOL_SIZE, default 2). */
export function poolSize(value = process.env.WANLAB_POOL_SIZE): number {
  if (value === undefined || value === '') return 2;
  const size = Number(value);
  if (Number.isInteger(size) && size >= 1) return size;
  throw new HarnessError(
    'WANLAB_USAGE',
    `WANLAB_POOL_SIZE must be a whole number of at least 1, not "${value}"`,
    'unset it to keep 2 deployments per worker',
  );
}

/** Where `the topology "<name>"` is looked up: topologies/, or WANLAB_TOPOLOGIES. */
export function topologyDir(value = process.env.WANLAB_TOPOLOGIES): string {
  return resolve(projectRoot(), value || 'topologies');
}
