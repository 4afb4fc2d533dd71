/**
 * How the harness runs engine processes. Process (default) and container runtimes implement
 * this; the rest of the harness knows members only through it, their control API and their
 * address, never through pids or ports of its own.
 */
export type EngineRole = 'locator' | 'member';

export interface LaunchSpec {
  name: string;
  role: EngineRole;
  siteName: string;
  /** The files the process reads (its configuration): under the run folder. */
  inputs: string[];
  /** The engine's own log (one file per member). */
  logFile: string;
  /** Where the process's own stdout and stderr go (start-up errors land here). */
  consoleFile: string;
  dataDir: string;
  /** How to run it, as its engine driver says (harness/engines/). */
  command: LaunchCommand;
}

/**
 * An engine process's command line, per runtime. The process runtime runs `process` as a
 * child of the harness (which closes its stdin when it goes, so the engine must stop then);
 * the container runtime runs `container` as the arguments of the engine image's entry point.
 */
export interface LaunchCommand {
  process: string[];
  container: string[];
  env: Record<string, string>;
}

export interface ExitInfo {
  code: number | null;
  signal: string | null;
}

/** A launched engine process; `exited` settles when it ends, however it ends. */
export interface RunningProcess {
  readonly spec: LaunchSpec;
  readonly exited: Promise<ExitInfo>;
  readonly hasExited: boolean;
  /** The host process id, when the runtime runs it as a host process (benchmarks read RSS). */
  readonly pid?: number | undefined;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<ExitInfo>;
  /** SIGKILL. */
  kill(): Promise<ExitInfo>;
  /** SIGSTOP / docker pause. */
  freeze(): Promise<void>;
  /** SIGCONT / docker unpause. */
  thaw(): Promise<void>;
}

export interface ToxiproxyEndpoint {
  /** The HTTP API, e.g. http://127.0.0.1:8474 */
  apiUrl: string;
  /** The host on which proxies listen, as engines must dial it. */
  listenHost: string;
  stop(): Promise<void>;
}

/** Where the harness reaches what a runtime runs (design.md §7: never assume 127.0.0.1). */
export interface RuntimeAddresses {
  /** The host at which the harness dials ports that engines and proxies listen on. */
  harnessHost: string;
}

export type RuntimeKind = 'process' | 'container';

export interface Runtime {
  readonly kind: RuntimeKind;
  /** Gets the runtime ready (the container runtime connects to Docker and builds images). */
  open(): Promise<RuntimeAddresses>;
  launch(spec: LaunchSpec): Promise<RunningProcess>;
  startToxiproxy(apiPort: number, runDir: string): Promise<ToxiproxyEndpoint>;
  /** Kills everything this runtime started. */
  close(): Promise<void>;
}
