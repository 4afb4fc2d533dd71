/** Dispatchers pass through the gate before each peek; pausing closes it (PAUSE-1). */
export class PauseGate {
  #paused = false;
  #waiters: Array<() => void> = [];

  get paused(): boolean {
    return this.#paused;
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves when open (or when `signal` aborts). */
  async pass(signal: AbortSignal): Promise<void> {
    while (this.#paused && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.#waiters.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }
}
