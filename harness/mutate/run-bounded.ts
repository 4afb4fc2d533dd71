import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface BoundedRun {
  /** The exit code, or undefined when the run was stopped at its time limit. */
  code: number | undefined;
  durationMs: number;
}

/**
 * Runs a command in its own process group with its output to `logFile`; at `timeLimitMs`
 * the whole group (cucumber, its workers, the engine members they started) gets SIGTERM,
 * then SIGKILL 10 s later.
 */
export function runBounded(
  command: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; timeLimitMs: number },
): Promise<BoundedRun> {
  const startedMs = performance.now();
  const log = createWriteStream(options.logFile);
  const [file, ...args] = command;
  const child = spawn(file!, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let timedOut = false;
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup('SIGTERM');
    setTimeout(() => signalGroup('SIGKILL'), 10_000).unref();
  }, options.timeLimitMs);
  const stop = (): void => signalGroup('SIGTERM');
  process.on('exit', stop);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('exit', stop);
      log.end();
      resolve({
        code: timedOut ? undefined : (code ?? 1),
        durationMs: performance.now() - startedMs,
      });
    });
  });
}
