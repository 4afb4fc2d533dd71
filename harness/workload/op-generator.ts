import type { WorkloadSettings } from '../experiment/model.js';
import { Rng } from '../util/rng.js';

export type PlannedOp =
  | {
      f: 'put' | 'destroy';
      key: string;
      /** Unique per operation, so a value found anywhere names the write that made it. */
      value?: string;
    }
  | { f: 'transaction'; key: string; writes: Array<{ key: string; value: string }> };

/** How many distinct keys one transaction puts. */
const TRANSACTION_KEYS = { min: 2, max: 4 };

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
    const { mix } = this.#settings;
    const n = ++this.#count;
    const f = this.#rng.weighted([
      { item: 'put' as const, weight: mix.put },
      { item: 'destroy' as const, weight: mix.destroy },
      { item: 'transaction' as const, weight: mix.transaction },
    ]);
    if (f === 'transaction') return this.#transaction(n);
    const key = this.#key();
    return f === 'destroy' ? { f, key } : { f, key, value: this.#value(n, 0) };
  }

  #transaction(n: number): PlannedOp {
    const size = Math.min(
      this.#settings.keys,
      this.#rng.int(TRANSACTION_KEYS.min, TRANSACTION_KEYS.max),
    );
    const keys = new Set<string>();
    while (keys.size < size) keys.add(this.#key());
    const writes = [...keys].map((key, i) => ({ key, value: this.#value(n, i) }));
    return { f: 'transaction', key: writes[0]!.key, writes };
  }

  #key(): string {
    return `${this.#settings.keyPrefix}${this.#rng.int(0, this.#settings.keys - 1)}`;
  }

  #value(n: number, part: number): string {
    const tag = `w${this.#writer}.${n}.${part}.`;
    return tag + this.#rng.text(Math.max(0, this.#settings.valueBytes - tag.length));
  }
}

/** The site each writer writes at: round-robin over the workload's sites. */
export function writerSites(settings: WorkloadSettings): string[] {
  return Array.from(
    { length: settings.concurrency },
    (_, i) => settings.sites[i % settings.sites.length]!,
  );
}
