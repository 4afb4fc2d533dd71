import { LocatorClient } from '../client/locator-client.js';
import { MemberClient } from '../client/member-client.js';
import { HarnessError } from '../errors.js';
import type { EngineRole, LaunchSpec, Runtime, RunningProcess } from '../runtime/runtime.js';
import { tailFile } from '../util/log-tail.js';
import { eventually } from '../util/wait.js';
import type { ProcessStartup } from './startup-timings.js';

export type EngineState = 'not-started' | 'running' | 'frozen' | 'stopped' | 'killed' | 'exited';

const HEALTH_POLL_MS = 20;
const LOG_TAIL_LINES = 25;

/**
 * One locator or member of a deployment across its whole life: started, frozen, killed,
 * restarted with the same configuration and data directory.
 */
export class EngineHandle<C extends MemberClient | LocatorClient = MemberClient | LocatorClient> {
  readonly spec: LaunchSpec;
  readonly siteId: number;
  readonly controlUrl: string;
  readonly client: C;
  #process: RunningProcess | undefined;
  #state: EngineState = 'not-started';
  #lastStart: ProcessStartup | undefined;

  constructor(spec: LaunchSpec, siteId: number, controlUrl: string, client: C) {
    this.spec = spec;
    this.siteId = siteId;
    this.controlUrl = controlUrl;
    this.client = client;
  }

  static member(
    spec: LaunchSpec,
    siteId: number,
    controlUrl: string,
    controlToken: string,
  ): EngineHandle<MemberClient> {
    return new EngineHandle(spec, siteId, controlUrl, new MemberClient(controlUrl, controlToken));
  }

  static locator(
    spec: LaunchSpec,
    siteId: number,
    controlUrl: string,
    controlToken: string,
  ): EngineHandle<LocatorClient> {
    return new EngineHandle(spec, siteId, controlUrl, new LocatorClient(controlUrl, controlToken));
  }

  get name(): string {
    return this.spec.name;
  }

  /** The host process id while the runtime runs it as a host process. */
  get pid(): number | undefined {
    return this.#process?.pid;
  }

  get role(): EngineRole {
    return this.spec.role;
  }

  get state(): EngineState {
    if (this.#process?.hasExited && (this.#state === 'running' || this.#state === 'frozen'))
      return 'exited';
    return this.#state;
  }

  /** How long its last start took: launching, then until /health answered. */
  get lastStart(): ProcessStartup | undefined {
    return this.#lastStart;
  }

  /** Launches the process and waits until its control API answers /health. */
  async start(runtime: Runtime, timeoutMs: number): Promise<void> {
    if (this.state === 'running' || this.state === 'frozen') return;
    const startedMs = performance.now();
    const running = await runtime.launch(this.spec);
    const launchedMs = performance.now();
    this.#process = running;
    this.#state = 'running';
    await this.#awaitHealthy(running, timeoutMs);
    this.#lastStart = {
      name: this.name,
      role: this.role,
      launchMs: launchedMs - startedMs,
      healthyMs: performance.now() - launchedMs,
    };
  }

  async stop(graceMs = 10000): Promise<void> {
    await this.#process?.stop(graceMs);
    this.#state = 'stopped';
  }

  async kill(): Promise<void> {
    await this.#process?.kill();
    this.#state = 'killed';
  }

  async freeze(): Promise<void> {
    this.#requireRunning('freeze');
    await this.#process!.freeze();
    this.#state = 'frozen';
  }

  async thaw(): Promise<void> {
    if (this.#state !== 'frozen') return;
    await this.#process!.thaw();
    this.#state = 'running';
  }

  logTail(lines = LOG_TAIL_LINES): string {
    return `--- ${this.spec.consoleFile}\n${tailFile(this.spec.consoleFile, lines)}\n--- ${this.spec.logFile}\n${tailFile(this.spec.logFile, lines)}`;
  }

  #requireRunning(action: string): void {
    if (this.state !== 'running') {
      throw new HarnessError(
        'WANLAB_UNKNOWN_TARGET',
        `cannot ${action} ${this.role} ${this.name}: it is ${this.state}`,
        'start it first',
      );
    }
  }

  async #awaitHealthy(running: RunningProcess, timeoutMs: number): Promise<void> {
    let exited = false;
    void running.exited.then(() => (exited = true));
    try {
      await eventually(
        async () => {
          if (exited) return 'exited';
          await this.client.health({ timeoutMs: 1000 });
          return 'healthy';
        },
        (status) => status !== undefined,
        {
          timeoutMs,
          pollMs: HEALTH_POLL_MS,
          description: `${this.role} ${this.name} to answer /health`,
        },
      ).then((status) => {
        if (status === 'exited') throw new Error('exited during start-up');
      });
    } catch (error) {
      await running.kill();
      this.#state = 'exited';
      throw new HarnessError(
        'WANLAB_MEMBER_START_FAILED',
        `${this.role} ${this.name} of site ${this.spec.siteName} failed to start: ${(error as Error).message}\n${this.logTail()}`,
        `read the log lines above; the configuration is at ${this.spec.inputs.join(', ')}`,
        { exitCode: 1 },
      );
    }
  }
}
