import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs: number;
  pollMs?: number;
  /** Says what was awaited, for the failure message. */
  description: string;
}

export class ConditionTimeout extends Error {
  readonly lastObserved: unknown;
  constructor(message: string, lastObserved: unknown) {
    super(message);
    this.name = 'ConditionTimeout';
    this.lastObserved = lastObserved;
  }
}

function describeObserved(value: unknown): string {
  if (value instanceof Error) return value.message;
  const text = JSON.stringify(value);
  return text && text.length > 600 ? `${text.slice(0, 600)}…` : String(text);
}

/**
 * Polls `probe` until `accept` holds for what it returned, or the deadline passes. The
 * failure names the condition and the last value seen, so a red test says what it saw.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  options: WaitOptions,
): Promise<T> {
  const pollMs = options.pollMs ?? 50;
  const deadline = performance.now() + options.timeoutMs;
  let last: unknown = undefined;
  while (true) {
    try {
      const value = await probe();
      last = value;
      if (accept(value)) return value;
    } catch (error) {
      last = error;
    }
    if (performance.now() >= deadline) {
      throw new ConditionTimeout(
        `timed out after ${options.timeoutMs} ms waiting for ${options.description}; last observed: ${describeObserved(last)}`,
        last,
      );
    }
    await delay(pollMs);
  }
}

/**
 * The negative twin of `eventually`: `accept` must hold on every poll for `durationMs`
 * (Geode's validateRegionSizeRemainsSame). Throws at the first poll where it does not.
 */
export async function staysTrue<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  options: { durationMs: number; pollMs?: number; description: string },
): Promise<T> {
  const pollMs = options.pollMs ?? 50;
  const end = performance.now() + options.durationMs;
  let value: T;
  do {
    value = await probe();
    if (!accept(value)) {
      throw new Error(
        `expected ${options.description} for ${options.durationMs} ms, but observed: ${describeObserved(value)}`,
      );
    }
    await delay(pollMs);
  } while (performance.now() < end);
  return value;
}
