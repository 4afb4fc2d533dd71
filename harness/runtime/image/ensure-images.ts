import { join } from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { contextDigest } from './build-context.js';
import { buildImage, IMAGE_KIND_LABEL } from './build-image.js';
import {
  engineImageInputs,
  imageTag,
  SCRATCH,
  toxiproxyImageInputs,
  type ImageInputs,
  type ImageKind,
} from './image-inputs.js';

export interface ImageStatus {
  kind: ImageKind;
  tag: string;
  /** built now, or already present with the same inputs */
  action: 'built' | 'present';
  sizeBytes: number;
  buildMs: number;
}

export interface EngineImages {
  engine: string;
  toxiproxy: string;
}

export interface EnsureOptions {
  stateDir: string;
  /** `scratch` (default) or a base image with node, such as node:20-slim */
  baseImage?: string;
  /** Rebuild even when an image with the same inputs exists. */
  force?: boolean;
  /** Told before a build starts (builds take seconds; say why the harness is waiting). */
  onBuild?: (kind: ImageKind, tag: string) => void;
}

/** Images of one kind older than the newest few are removed after a build. */
const KEEP_PER_KIND = 3;

/** WANLAB_BASE_IMAGE picks the base for both images; scratch unless set. */
export function baseImageChoice(): string {
  const value = process.env.WANLAB_BASE_IMAGE?.trim();
  return value ? value : SCRATCH;
}

async function imageSize(client: ContainerRuntimeClient, tag: string): Promise<number | undefined> {
  try {
    const info = await client.container.dockerode.getImage(tag).inspect();
    return info.Size;
  } catch {
    return undefined;
  }
}

/** Keeps the newest images of a kind; an image a container still uses cannot go, and stays. */
async function pruneOlder(client: ContainerRuntimeClient, kind: ImageKind): Promise<void> {
  const docker = client.container.dockerode;
  const images = await docker.listImages({
    filters: JSON.stringify({ label: [`${IMAGE_KIND_LABEL}=${kind}`] }),
  });
  const stale = images.sort((a, b) => b.Created - a.Created).slice(KEEP_PER_KIND);
  for (const image of stale) {
    await docker
      .getImage(image.Id)
      .remove()
      .catch(() => undefined);
  }
}

async function ensureOne(
  client: ContainerRuntimeClient,
  inputs: ImageInputs,
  options: EnsureOptions,
): Promise<ImageStatus> {
  const digest = contextDigest(inputs.entries, inputs.dockerfile, inputs.buildArgs);
  const tag = imageTag(inputs, digest);
  const existing = options.force ? undefined : await imageSize(client, tag);
  if (existing !== undefined) {
    return { kind: inputs.kind, tag, action: 'present', sizeBytes: existing, buildMs: 0 };
  }
  options.onBuild?.(inputs.kind, tag);
  const startedMs = performance.now();
  await buildImage(client, inputs, tag, digest, join(options.stateDir, 'image-builds'));
  const buildMs = Math.round(performance.now() - startedMs);
  await pruneOlder(client, inputs.kind);
  const sizeBytes = (await imageSize(client, tag)) ?? 0;
  return { kind: inputs.kind, tag, action: 'built', sizeBytes, buildMs };
}

/**
 * The engine and Toxiproxy images for the current inputs, built if missing. Tags carry the
 * project version and the inputs' digest, so a build happens only when an input changed
 * (a new dist/engine, another node binary, a new toxiproxy-server, an edited Dockerfile).
 */
export async function ensureImages(
  client: ContainerRuntimeClient,
  options: EnsureOptions,
): Promise<ImageStatus[]> {
  const base = options.baseImage ?? SCRATCH;
  return [
    await ensureOne(client, engineImageInputs(base), options),
    await ensureOne(client, toxiproxyImageInputs(base), options),
  ];
}

export function imagesByKind(statuses: ImageStatus[]): EngineImages {
  const tagOf = (kind: ImageKind): string => statuses.find((s) => s.kind === kind)!.tag;
  return { engine: tagOf('engine'), toxiproxy: tagOf('toxiproxy') };
}
