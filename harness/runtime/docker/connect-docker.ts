import type { ContainerRuntimeClient } from 'testcontainers';
import { HarnessError, messageOf } from '../../errors.js';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);
const SETUP_HINT =
  'start one with `sudo bash scripts/setup-docker.sh` (installs Debian’s docker.io if missing and starts dockerd), or point DOCKER_HOST at a running engine';

let connection: Promise<ContainerRuntimeClient> | undefined;

function dockerHost(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/**
 * testcontainers settings this harness depends on, set before it first loads:
 * - Ryuk off: its image would have to be pulled, and no registry is reachable; every container
 *   is labelled with its run and removed by the harness instead (container-reaper.ts).
 * - With a local socket, containers' ports are on this machine's loopback (host networking).
 *   Left alone, testcontainers looks for the gateway of a `bridge` network when it thinks it
 *   runs in a container, and there is none (dockerd runs with --bridge=none).
 */
function configureTestcontainers(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  if (dockerHost().startsWith('unix://')) process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

async function connect(): Promise<ContainerRuntimeClient> {
  configureTestcontainers();
  const { getContainerRuntimeClient } = await import('testcontainers');
  let client: ContainerRuntimeClient;
  try {
    client = await getContainerRuntimeClient();
  } catch (error) {
    throw new HarnessError(
      'WANLAB_DOCKER_UNAVAILABLE',
      `no Docker engine answers at ${dockerHost()} (${messageOf(error)})`,
      SETUP_HINT,
      { cause: error },
    );
  }
  const { host, operatingSystemType } = client.info.containerRuntime;
  if (!LOCAL_HOSTS.has(host)) {
    throw new HarnessError(
      'WANLAB_DOCKER_UNAVAILABLE',
      `the Docker engine at ${dockerHost()} runs on ${host}, not on this machine`,
      'the container runtime uses host networking on 127.0.0.1, so it needs an engine on this machine for now: unset DOCKER_HOST or point it at a local socket',
    );
  }
  if (operatingSystemType !== 'linux') {
    throw new HarnessError(
      'WANLAB_DOCKER_UNAVAILABLE',
      `the Docker engine runs ${operatingSystemType} containers; wanlab's images are Linux images`,
      'use a Linux Docker engine',
    );
  }
  return client;
}

/** The Docker engine, through testcontainers' runtime client; connects once per process. */
export function connectDocker(): Promise<ContainerRuntimeClient> {
  connection ??= connect().catch((error: unknown) => {
    connection = undefined;
    throw error;
  });
  return connection;
}

/** The address at which this process reaches ports that containers listen on. */
export function harnessHostOf(client: ContainerRuntimeClient): string {
  const host = client.info.containerRuntime.host;
  return host === 'localhost' ? '127.0.0.1' : host;
}
