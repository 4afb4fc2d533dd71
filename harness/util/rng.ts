/**
 * A seeded source of randomness for everything a chaos run decides (workload, fault schedule,
 * fault parameters): the same seed gives the same decisions, so a run can be repeated.
 * mulberry32: small, fast and good enough for choosing test inputs (not for cryptography).
 */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range ${min}..${max}`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One item, with probability proportional to its weight (weights > 0). */
  weighted<T>(items: ReadonlyArray<{ item: T; weight: number }>): T {
    const total = items.reduce((sum, entry) => sum + entry.weight, 0);
    if (items.length === 0 || total <= 0) throw new RangeError('nothing to choose from');
    let point = this.next() * total;
    for (const entry of items) {
      point -= entry.weight;
      if (point < 0) return entry.item;
    }
    return items[items.length - 1]!.item;
  }

  /** Letters and digits, `length` of them. */
  text(length: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}
