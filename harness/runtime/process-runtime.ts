import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { HarnessError } from '../errors.js';
import { distDir } from '../util/project-root.js';
import { ProcessRegistry } from './process-registry.js';
import type {
  ExitInfo,
  LaunchSpec,
  Runtime,
  RuntimeAddresses,
  RunningProcess,
  ToxiproxyEndpoint,
} from './runtime.js';
import { findToxiproxyServer } from './tools.js';

type Child = ResultPromise<{ stdin: 'pipe'; reject: false; cleanup: true }>;

class ChildProcess implements RunningProcess {
  readonly spec: LaunchSpec;
  readonly exited: Promise<ExitInfo>;
  readonly #child: Child;
  #exited = false;
  #frozen = false;

  constructor(spec: LaunchSpec, child: Child) {
    this.spec = spec;
    this.#child = child;
    this.exited = child.then((result) => {
      this.#exited = true;
      return { code: result.exitCode ?? null, signal: result.signal ?? null };
    });
  }

  get hasExited(): boolean {
    return this.#exited;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  async stop(graceMs: number): Promise<ExitInfo> {
    if (this.#exited) return this.exited;
    if (this.#frozen) await this.thaw();
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    const info = await this.exited;
    clearTimeout(timer);
    return info;
  }

  async kill(): Promise<ExitInfo> {
    if (!this.#exited) this.#child.kill('SIGKILL');
    return this.exited;
  }

  async freeze(): Promise<void> {
    if (this.#exited) return;
    this.#child.kill('SIGSTOP');
    this.#frozen = true;
  }

  async thaw(): Promise<void> {
    if (this.#exited) return;
    this.#child.kill('SIGCONT');
    this.#frozen = false;
  }
}

/**
 * Engine processes as children of the harness (execa). Each child is told to exit when its
 * stdin closes, so none outlives the harness; the registry reaps any that were frozen when
 * the harness died.
 */
export class ProcessRuntime implements Runtime {
  readonly kind = 'process' as const;
  readonly #children = new Set<ChildProcess>();
  readonly #registry: ProcessRegistry;
  readonly #helpers: Child[] = [];

  constructor(stateDir: string, runDir: string) {
    this.#registry = new ProcessRegistry(stateDir, runDir);
  }

  async open(): Promise<RuntimeAddresses> {
    return { harnessHost: '127.0.0.1' };
  }

  async launch(spec: LaunchSpec): Promise<RunningProcess> {
    mkdirSync(dirname(spec.consoleFile), { recursive: true });
    mkdirSync(spec.dataDir, { recursive: true });
    const [program, ...args] = spec.command.process;
    const child = execa(program!, args, {
      stdin: 'pipe',
      stdout: { file: spec.consoleFile, append: true },
      stderr: { file: spec.consoleFile, append: true },
      reject: false,
      cleanup: true,
      env: spec.command.env,
    });
    if (child.pid === undefined) {
      throw new HarnessError(
        'WANLAB_MEMBER_START_FAILED',
        `cannot start ${spec.role} ${spec.name}`,
        `is ${program} executable?`,
      );
    }
    this.#registry.add(child.pid, spec.name);
    const running = new ChildProcess(spec, child);
    this.#children.add(running);
    void running.exited.then(() => this.#children.delete(running));
    return running;
  }

  async startToxiproxy(apiPort: number, runDir: string): Promise<ToxiproxyEndpoint> {
    const binary = findToxiproxyServer();
    const guardian = join(distDir(), 'harness', 'runtime', 'guardian.js');
    const logFile = join(runDir, 'logs', 'toxiproxy.log');
    mkdirSync(dirname(logFile), { recursive: true });
    const child = execa(
      process.execPath,
      [guardian, binary, '-host', '127.0.0.1', '-port', String(apiPort)],
      {
        stdin: 'pipe',
        stdout: { file: logFile, append: true },
        stderr: { file: logFile, append: true },
        reject: false,
        cleanup: true,
        env: { LOG_LEVEL: 'info' },
      },
    );
    if (child.pid !== undefined) this.#registry.add(child.pid, 'toxiproxy');
    this.#helpers.push(child);
    return {
      apiUrl: `http://127.0.0.1:${apiPort}`,
      listenHost: '127.0.0.1',
      stop: async () => {
        child.kill('SIGTERM');
        await child;
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.#children].map((child) => child.kill()));
    // SIGTERM, not SIGKILL: the guardian must live long enough to kill toxiproxy-server,
    // which holds the guardian's output pipe open (execa would wait for it forever).
    for (const helper of this.#helpers) helper.kill('SIGTERM');
    await Promise.all(this.#helpers);
    this.#registry.forget();
  }
}
