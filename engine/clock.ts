/**
 * The engine never reads Date.now() directly: the harness skews a site's clock (CONS-5)
 * by setting an offset, and unit tests drive time by hand.
 */
export interface Clock {
  /** Wall-clock milliseconds, offset included: what version tags are stamped with. */
  now(): number;
  /** Monotonic milliseconds for timeouts and intervals; never skewed. */
  monotonicMs(): number;
  readonly offsetMs: number;
  setOffsetMs(offsetMs: number): void;
}

export class SystemClock implements Clock {
  #offsetMs: number;

  constructor(offsetMs = 0) {
    this.#offsetMs = offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    this.#offsetMs = offsetMs;
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  monotonicMs(): number {
    return performance.now();
  }
}

/** A clock that only moves when told to; for unit tests. */
export class ManualClock implements Clock {
  #wallMs: number;
  #monoMs = 0;
  #offsetMs = 0;

  constructor(startWallMs = 1_700_000_000_000) {
    this.#wallMs = startWallMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    this.#offsetMs = offsetMs;
  }

  advance(ms: number): void {
    this.#wallMs += ms;
    this.#monoMs += ms;
  }

  now(): number {
    return this.#wallMs + this.#offsetMs;
  }

  monotonicMs(): number {
    return this.#monoMs;
  }
}
