/** What makes `wanlab up` stop everything it started. */
export interface StopWatch {
  /** Resolves with why: a signal's name, or that the launcher exited. */
  readonly reason: Promise<string>;
  dispose(): void;
}

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Watches for the end of `wanlab up`: SIGINT (Ctrl-C signals the whole group), SIGTERM or
 * SIGHUP to this process alone (a CI runner, a process manager, a closed terminal), or the
 * death of the process that launched it (we are re-parented). A second signal while stopping
 * exits at once; the engine processes still stop, as they do when the harness is killed
 * (their stdin closes).
 */
export function watchForStop(
  options: { pollMs?: number; exit?: (code: number) => void } = {},
): StopWatch {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  let resolveReason: (reason: string) => void = () => undefined;
  const reason = new Promise<string>((resolve) => (resolveReason = resolve));
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    resolveReason(why);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    stop(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const launcher = process.ppid;
  const poll = setInterval(() => {
    if (process.ppid !== launcher) stop(`its launcher (pid ${launcher}) exited`);
  }, options.pollMs ?? 500);
  poll.unref();
  return {
    reason,
    dispose: () => {
      clearInterval(poll);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
    },
  };
}
