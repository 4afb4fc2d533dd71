import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { HarnessError } from '../errors.js';
import { projectRoot } from '../util/project-root.js';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** toxiproxy-server: $WANLAB_TOXIPROXY_SERVER, then tools/bin (scripts/setup.sh), then PATH. */
export function findToxiproxyServer(): string {
  const candidates = [
    process.env.WANLAB_TOXIPROXY_SERVER,
    join(projectRoot(), 'tools', 'bin', 'toxiproxy-server'),
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'toxiproxy-server')),
  ].filter((path): path is string => Boolean(path));
  const found = candidates.find(executable);
  if (found) return resolve(found);
  throw new HarnessError(
    'WANLAB_TOOL_MISSING',
    'toxiproxy-server was not found (looked at $WANLAB_TOXIPROXY_SERVER, tools/bin and PATH)',
    'run `npm run setup` to install toxiproxy-server v2.12.0 into tools/bin (needs Go)',
  );
}
