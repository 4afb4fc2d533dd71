import { projectRoot } from '../util/project-root.js';
import { join } from 'node:path';
import { connectDocker } from '../runtime/docker/connect-docker.js';
import { ensureImages, type ImageStatus } from '../runtime/image/ensure-images.js';
import { table } from './output.js';

export interface ImagesOptions {
  baseImage: string;
  force: boolean;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function describeImages(statuses: ImageStatus[]): string {
  return table(
    ['IMAGE', 'TAG', 'SIZE', 'STATUS'],
    statuses.map((s) => [
      s.kind,
      s.tag,
      megabytes(s.sizeBytes),
      s.action === 'built' ? `built in ${s.buildMs} ms` : 'up to date',
    ]),
  );
}

/**
 * `wanlab images`: builds the engine and Toxiproxy images when their inputs changed (the
 * container runtime also does this on first use). Needs a Docker engine and `npm run build`.
 */
export async function runImages(options: ImagesOptions): Promise<number> {
  const client = await connectDocker();
  const statuses = await ensureImages(client, {
    stateDir: join(projectRoot(), '.wanlab'),
    baseImage: options.baseImage,
    force: options.force,
    onBuild: (kind, tag) => process.stdout.write(`building the ${kind} image ${tag}...\n`),
  });
  process.stdout.write(`${describeImages(statuses)}\n`);
  return 0;
}
