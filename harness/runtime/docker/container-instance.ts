import { createWriteStream, mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { ContainerRuntimeClient } from 'testcontainers';
import type { ExitInfo } from '../runtime.js';

/** How long the harness waits for a container's last output after it exited. */
const LOG_DRAIN_MS = 2000;

export interface ContainerLaunch {
  image: string;
  name: string;
  command: string[];
  labels: Record<string, string>;
  /** Host folders mounted read-write at the same path inside the container. */
  mounts: string[];
  env: Record<string, string>;
  /** The container's stdout and stderr are appended here, as the process runtime does. */
  consoleFile: string;
}

/** A container's exit status as a process's: 128+n is "killed by signal n". */
export function exitInfoOf(statusCode: number): ExitInfo {
  if (statusCode > 128) {
    const signal = Object.entries(constants.signals).find(([, n]) => n === statusCode - 128);
    if (signal) return { code: null, signal: signal[0] };
  }
  return { code: statusCode, signal: null };
}

function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * One container on the host network, from `docker create` to its removal. `exited` settles
 * once it has stopped, its output is written and it is removed, however it ended.
 */
export class ContainerInstance {
  readonly id: string;
  readonly name: string;
  readonly exited: Promise<ExitInfo>;
  readonly #client: ContainerRuntimeClient;
  #hasExited = false;
  #frozen = false;

  private constructor(
    client: ContainerRuntimeClient,
    id: string,
    name: string,
    logsDone: Promise<void>,
  ) {
    this.#client = client;
    this.id = id;
    this.name = name;
    this.exited = this.#container()
      .wait()
      .then(
        (result: { StatusCode: number }) => exitInfoOf(result.StatusCode),
        (): ExitInfo => ({ code: null, signal: 'SIGKILL' }),
      )
      .then(async (info) => {
        this.#hasExited = true;
        await settleWithin(logsDone, LOG_DRAIN_MS);
        await this.#container()
          .remove({ force: true })
          .catch(() => undefined);
        return info;
      });
  }

  static async start(
    client: ContainerRuntimeClient,
    launch: ContainerLaunch,
  ): Promise<ContainerInstance> {
    const { GenericContainer } = await import('testcontainers');
    mkdirSync(dirname(launch.consoleFile), { recursive: true });
    let logsDone: Promise<void> = Promise.resolve();
    const consume = (stream: Readable): void => {
      const file = createWriteStream(launch.consoleFile, { flags: 'a' });
      logsDone = new Promise((resolve) => {
        file.on('close', () => resolve());
        file.on('error', () => resolve());
      });
      stream.pipe(file);
    };
    const started = await new GenericContainer(launch.image)
      .withName(launch.name)
      .withNetworkMode('host')
      .withUser(`${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`)
      .withLabels(launch.labels)
      .withEnvironment(launch.env)
      .withBindMounts(launch.mounts.map((dir) => ({ source: dir, target: dir, mode: 'rw' })))
      .withCommand(launch.command)
      .withLogConsumer(consume)
      .start();
    return new ContainerInstance(client, started.getId(), launch.name, logsDone);
  }

  get hasExited(): boolean {
    return this.#hasExited;
  }

  /** SIGTERM, then SIGKILL after `graceMs` (docker stop counts whole seconds; this does not). */
  async stop(graceMs: number): Promise<ExitInfo> {
    if (this.#hasExited) return this.exited;
    if (this.#frozen) await this.thaw();
    await this.#signal('SIGTERM');
    const timer = setTimeout(() => void this.#signal('SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }

  async kill(): Promise<ExitInfo> {
    if (this.#hasExited) return this.exited;
    // A paused container cannot be signalled; unpause first, as SIGKILL reaches a SIGSTOPped process.
    if (this.#frozen) await this.thaw();
    await this.#signal('SIGKILL');
    return this.exited;
  }

  /** docker pause: the cgroup freezer stops every process of the container. */
  async freeze(): Promise<void> {
    if (this.#hasExited) return;
    await this.#container().pause();
    this.#frozen = true;
  }

  async thaw(): Promise<void> {
    if (this.#hasExited || !this.#frozen) return;
    await this.#container()
      .unpause()
      .catch(() => undefined);
    this.#frozen = false;
  }

  #container(): ReturnType<ContainerRuntimeClient['container']['getById']> {
    return this.#client.container.getById(this.id);
  }

  /** A container that already stopped answers 409; that is fine. */
  async #signal(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    await this.#container()
      .kill({ signal })
      .catch(() => undefined);
  }
}
