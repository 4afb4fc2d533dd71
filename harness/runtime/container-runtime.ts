import { mkdirSync } from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import type { ContainerRuntimeClient } from 'testcontainers';
import { HarnessError, messageOf } from '../errors.js';
import { connectDocker, harnessHostOf } from './docker/connect-docker.js';
import { containerLabels, containerName } from './docker/container-labels.js';
import { ContainerInstance, type ContainerLaunch } from './docker/container-instance.js';
import { reapOrphanContainers } from './docker/container-reaper.js';
import { currentOwner } from './docker/owner-identity.js';
import { preparedImages, type EngineImages } from './image/prepared-images.js';
import type {
  ExitInfo,
  LaunchSpec,
  Runtime,
  RuntimeAddresses,
  RunningProcess,
  ToxiproxyEndpoint,
} from './runtime.js';

/** Engines and proxies listen here; with host networking it is the Docker host's loopback. */
const LISTEN_HOST = '127.0.0.1';

interface Session {
  client: ContainerRuntimeClient;
  images: EngineImages;
  harnessHost: string;
}

class EngineContainer implements RunningProcess {
  readonly spec: LaunchSpec;
  readonly #instance: ContainerInstance;

  constructor(spec: LaunchSpec, instance: ContainerInstance) {
    this.spec = spec;
    this.#instance = instance;
  }

  get exited(): Promise<ExitInfo> {
    return this.#instance.exited;
  }

  get hasExited(): boolean {
    return this.#instance.hasExited;
  }

  stop(graceMs: number): Promise<ExitInfo> {
    return this.#instance.stop(graceMs);
  }

  kill(): Promise<ExitInfo> {
    return this.#instance.kill();
  }

  freeze(): Promise<void> {
    return this.#instance.freeze();
  }

  thaw(): Promise<void> {
    return this.#instance.thaw();
  }
}

/**
 * Engine processes and toxiproxy-server as Docker containers, through testcontainers, on the
 * host network: same ports, same configuration files, same links as the process runtime.
 * The run folder is mounted at its own path, so configuration, pino logs and data
 * directories are where the harness expects them, and a restarted member finds its data.
 */
export class ContainerRuntime implements Runtime {
  readonly kind = 'container' as const;
  readonly #stateDir: string;
  readonly #runDir: string;
  readonly #owner = currentOwner();
  readonly #instances = new Set<ContainerInstance>();
  #session: Session | undefined;
  #launches = 0;

  constructor(stateDir: string, runDir: string) {
    this.#stateDir = stateDir;
    this.#runDir = runDir;
  }

  /** Connects to Docker, removes containers of dead harnesses, builds images that changed. */
  async open(): Promise<RuntimeAddresses> {
    const client = await connectDocker();
    const reaped = await reapOrphanContainers(client, this.#owner.host);
    if (reaped.length > 0) {
      process.stderr.write(
        `wanlab: removed ${reaped.length} container(s) left by a harness that died: ${reaped.join(', ')}\n`,
      );
    }
    const images = await preparedImages(client, this.#stateDir);
    this.#session = { client, images, harnessHost: harnessHostOf(client) };
    return { harnessHost: this.#session.harnessHost };
  }

  async launch(spec: LaunchSpec): Promise<RunningProcess> {
    const session = this.#requireOpen();
    for (const path of [...spec.inputs, spec.logFile, spec.consoleFile, spec.dataDir]) {
      this.#requireInsideRun(path, spec.name);
    }
    mkdirSync(dirname(spec.logFile), { recursive: true });
    mkdirSync(spec.dataDir, { recursive: true });
    const instance = await this.#start(session, spec.name, spec.role, {
      image: session.images.engine,
      command: spec.command.container,
      mounts: [this.#runDir],
      env: spec.command.env,
      consoleFile: spec.consoleFile,
    });
    return new EngineContainer(spec, instance);
  }

  async startToxiproxy(apiPort: number, runDir: string): Promise<ToxiproxyEndpoint> {
    const session = this.#requireOpen();
    const instance = await this.#start(session, 'toxiproxy', 'toxiproxy', {
      image: session.images.toxiproxy,
      command: ['-host', LISTEN_HOST, '-port', String(apiPort)],
      mounts: [],
      env: { LOG_LEVEL: 'info' },
      consoleFile: join(runDir, 'logs', 'toxiproxy.log'),
    });
    return {
      apiUrl: `http://${session.harnessHost}:${apiPort}`,
      listenHost: LISTEN_HOST,
      stop: async () => {
        await instance.kill();
      },
    };
  }

  /** Kills and removes every container this runtime started. */
  async close(): Promise<void> {
    await Promise.all([...this.#instances].map((instance) => instance.kill()));
  }

  async #start(
    session: Session,
    name: string,
    role: string,
    launch: Omit<ContainerLaunch, 'name' | 'labels'>,
  ): Promise<ContainerInstance> {
    const run = basename(this.#runDir);
    const full: ContainerLaunch = {
      ...launch,
      name: containerName(['wanlab', run, name, String(++this.#launches)]),
      labels: containerLabels(this.#owner, run, name, role),
    };
    let instance: ContainerInstance;
    try {
      instance = await ContainerInstance.start(session.client, full);
    } catch (error) {
      throw new HarnessError(
        role === 'toxiproxy' ? 'WANLAB_TOXIPROXY_FAILED' : 'WANLAB_MEMBER_START_FAILED',
        `cannot start container ${full.name} (image ${full.image}): ${messageOf(error)}`,
        'see `docker info` and `docker ps -a`; `npm run images` rebuilds the images',
        { exitCode: 1, cause: error },
      );
    }
    this.#instances.add(instance);
    void instance.exited.then(() => this.#instances.delete(instance));
    return instance;
  }

  #requireOpen(): Session {
    if (this.#session) return this.#session;
    throw new HarnessError(
      'WANLAB_USAGE',
      'the container runtime was used before open()',
      'call runtime.open() first (Deployment.start does)',
    );
  }

  /** Only the run folder is mounted: a path outside it would not exist in the container. */
  #requireInsideRun(path: string, name: string): void {
    const rel = relative(this.#runDir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new HarnessError(
        'WANLAB_USAGE',
        `${name}: ${path} is outside the run folder ${this.#runDir}, which is all a container sees`,
        'keep configuration, logs and data under the run folder',
      );
    }
  }
}
