import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { HarnessError, messageOf } from '../../errors.js';
import { writeContext } from './build-context.js';
import { readBuildOutput } from './build-output.js';
import { contextRoots, type ImageInputs } from './image-inputs.js';

export const IMAGE_KIND_LABEL = 'wanlab.image';
export const IMAGE_DIGEST_LABEL = 'wanlab.inputs-digest';
const LOG_LINES_ON_FAILURE = 15;

function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.from(chunk)));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/**
 * Builds one image from its inputs: the context is written under `workDir`, sent to the
 * engine (legacy builder: no BuildKit session, nothing pulled for FROM scratch) and removed
 * after a success. After a failure it stays, and the error names the failing step.
 */
export async function buildImage(
  client: ContainerRuntimeClient,
  inputs: ImageInputs,
  tag: string,
  digest: string,
  workDir: string,
): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  const context = mkdtempSync(join(workDir, `${inputs.kind}-`));
  writeContext(context, inputs.entries);
  writeFileSync(join(context, 'Dockerfile'), inputs.dockerfile);
  let raw: string;
  try {
    const stream = await client.container.dockerode.buildImage(
      { context, src: ['Dockerfile', ...contextRoots(inputs)] },
      {
        t: tag,
        buildargs: inputs.buildArgs,
        labels: { [IMAGE_KIND_LABEL]: inputs.kind, [IMAGE_DIGEST_LABEL]: digest },
        rm: true,
        forcerm: true,
      },
    );
    raw = await readAll(stream);
  } catch (error) {
    throw buildFailure(tag, context, `the Docker engine refused the build: ${messageOf(error)}`);
  }
  const outcome = readBuildOutput(raw);
  if (outcome.status === 'fail') {
    const tail = outcome.log.slice(-LOG_LINES_ON_FAILURE).join('\n  ');
    throw buildFailure(
      tag,
      context,
      `failed at ${outcome.failedStep}: ${outcome.error}\n  ${tail}`,
    );
  }
  rmSync(context, { recursive: true, force: true });
}

function buildFailure(tag: string, context: string, detail: string): HarnessError {
  return new HarnessError(
    'WANLAB_IMAGE_BUILD_FAILED',
    `building image ${tag} ${detail}`,
    `the build context is kept in ${context} (Dockerfile and files); fix the cause, then run \`npm run images\``,
    { exitCode: 1 },
  );
}
