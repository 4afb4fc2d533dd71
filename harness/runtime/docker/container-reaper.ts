import type { ContainerRuntimeClient } from 'testcontainers';
import { LABELS, ownerOf } from './container-labels.js';
import { ownerAlive, type OwnerIdentity } from './owner-identity.js';

export interface ContainerRecord {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** Containers of this host's harnesses whose owner is gone: they are leftovers of a crash. */
export function orphansOf(
  containers: ContainerRecord[],
  host: string,
  isAlive: (owner: OwnerIdentity) => boolean = ownerAlive,
): ContainerRecord[] {
  return containers.filter((container) => {
    const owner = ownerOf(container.labels);
    return owner !== undefined && owner.host === host && !isAlive(owner);
  });
}

/**
 * Removes (force: running or paused) the containers of harnesses on this host that died
 * without cleaning up. Containers of harnesses still running, here or elsewhere, are kept.
 * Returns the names removed.
 */
export async function reapOrphanContainers(
  client: ContainerRuntimeClient,
  host: string,
): Promise<string[]> {
  const docker = client.container.dockerode;
  const listed = await docker.listContainers({
    all: true,
    filters: JSON.stringify({ label: [`${LABELS.managed}=true`] }),
  });
  const records = listed.map((c) => ({
    id: c.Id,
    name: (c.Names[0] ?? c.Id).replace(/^\//, ''),
    labels: c.Labels,
  }));
  const removed: string[] = [];
  for (const orphan of orphansOf(records, host)) {
    await docker
      .getContainer(orphan.id)
      .remove({ force: true })
      .then(() => removed.push(orphan.name))
      .catch(() => undefined); // already gone, or being removed by its own harness
  }
  return removed;
}
