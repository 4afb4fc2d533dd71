import type { ContainerRuntimeClient } from 'testcontainers';
import { baseImageChoice, ensureImages, imagesByKind, type EngineImages } from './ensure-images.js';

export type { EngineImages } from './ensure-images.js';

const prepared = new Map<string, Promise<EngineImages>>();

/**
 * The images for this process's runs, checked (and built if their inputs changed) once per
 * process: hashing the inputs reads ~130 MB, which a deployment pool must not repeat.
 */
export function preparedImages(
  client: ContainerRuntimeClient,
  stateDir: string,
): Promise<EngineImages> {
  const baseImage = baseImageChoice();
  const key = `${stateDir}\0${baseImage}`;
  let images = prepared.get(key);
  if (!images) {
    images = ensureImages(client, {
      stateDir,
      baseImage,
      onBuild: (kind, tag) =>
        process.stderr.write(`wanlab: building the ${kind} image ${tag} (new inputs)...\n`),
    }).then(imagesByKind);
    images.catch(() => prepared.delete(key));
    prepared.set(key, images);
  }
  return images;
}
