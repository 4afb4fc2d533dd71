import { randomInt } from 'node:crypto';
import { HarnessError } from '../errors.js';

/** A fresh root seed for a run (printed and stored so the run can be repeated). */
export function newRootSeed(): number {
  return randomInt(1, 2 ** 31);
}

/** A stable sub-seed for a named part of a run (a member, a workload, a scenario). */
export function deriveSeed(root: number, name: string): number {
  let hash = (root ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Reads --seed / WANLAB_SEED, else makes a new one. */
export function rootSeedFrom(value: string | undefined): number {
  if (value === undefined || value === '') return newRootSeed();
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `seed "${value}" is not an integer in 0..2^32-1`,
      'pass the seed printed by an earlier run, e.g. --seed 12345',
    );
  }
  return seed;
}
