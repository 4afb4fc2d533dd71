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
  /**
   * While set, `now()` answers this instant and nothing else: the harness stops two sites'
   * clocks at the same instant to make equal timestamps (CONS-4's tie). Undefined resumes.
   */
  readonly fixedAtMs: number | undefined;
  fixAt(wallMs: number | undefined): void;
}

export class SystemClock implements Clock {
  #offsetMs: number;
  #fixedAtMs: number | undefined;

  constructor(offsetMs = 0) {
    this.#offsetMs = offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    this.#offsetMs = offsetMs;
  }

  get fixedAtMs(): number | undefined {
    return this.#fixedAtMs;
  }

  fixAt(wallMs: number | undefined): void {
    this.#fixedAtMs = wallMs;
  }

  now(): number {
    return this.#fixedAtMs ?? Date.now() + this.#offsetMs;
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
  #fixedAtMs: number | undefined;

  constructor(startWallMs = 1_700_000_000_000) {
    this.#wallMs = startWallMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  setOffsetMs(offsetMs: number): void {
    this.#offsetMs = offsetMs;
  }

  get fixedAtMs(): number | undefined {
    return this.#fixedAtMs;
  }

  fixAt(wallMs: number | undefined): void {
    this.#fixedAtMs = wallMs;
  }

  advance(ms: number): void {
    this.#wallMs += ms;
    this.#monoMs += ms;
  }

  now(): number {
    return this.#fixedAtMs ?? this.#wallMs + this.#offsetMs;
  }

  monotonicMs(): number {
    return this.#monoMs;
  }
}
