import type { WorkloadSettings } from '../experiment/model.js';
import { Rng } from '../util/rng.js';

export interface PlannedOp {
  f: 'put' | 'destroy';
  key: string;
  /** Unique per operation, so a value found anywhere names the write that made it. */
  value?: string;
}

/**
 * The operations of one writer, all decided by its seed: the same seed gives the same keys,
 * operations and values in the same order, whatever the engine answers.
 */
export class OpGenerator {
  readonly #settings: WorkloadSettings;
  readonly #writer: number;
  readonly #rng: Rng;
  #count = 0;

  constructor(settings: WorkloadSettings, writer: number, seed: number) {
    this.#settings = settings;
    this.#writer = writer;
    this.#rng = new Rng(seed);
  }

  next(): PlannedOp {
    const { keys, keyPrefix, mix, valueBytes } = this.#settings;
    const n = ++this.#count;
    const key = `${keyPrefix}${this.#rng.int(0, keys - 1)}`;
    const f = this.#rng.weighted([
      { item: 'put' as const, weight: mix.put },
      { item: 'destroy' as const, weight: mix.destroy },
    ]);
    if (f === 'destroy') return { f, key };
    const tag = `w${this.#writer}.${n}.`;
    return { f, key, value: tag + this.#rng.text(Math.max(0, valueBytes - tag.length)) };
  }
}

/** The site each writer writes at: round-robin over the workload's sites. */
export function writerSites(settings: WorkloadSettings): string[] {
  return Array.from(
    { length: settings.concurrency },
    (_, i) => settings.sites[i % settings.sites.length]!,
  );
}
