import { encodeFrame } from '../net/frame-codec.js';
import type { Random } from '../random.js';
import { rawFrame } from './raw-client.js';

/**
 * Fuzz cases for a framed protocol: each is the bytes of one connection, made from a valid
 * conversation (a list of messages) by one mutation. Deterministic for a given random source.
 */
export type Mutation =
  | 'valid'
  | 'truncated'
  | 'huge-length'
  | 'byte-flips'
  | 'wrong-shape'
  | 'wrong-dsid'
  | 'replay'
  | 'random-bytes';

export const MUTATIONS: readonly Mutation[] = [
  'valid',
  'truncated',
  'huge-length',
  'byte-flips',
  'wrong-shape',
  'wrong-dsid',
  'replay',
  'random-bytes',
];

export interface FuzzCase {
  mutation: Mutation;
  bytes: Buffer;
}

const DSID_FIELDS = new Set(['dsid', 'senderDsid', 'expectDsid', 'forDsid', 'originDsid']);

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function int(random: Random, below: number): number {
  return Math.floor(random() * below);
}

function randomValue(random: Random, depth = 0): unknown {
  switch (int(random, depth > 2 ? 6 : 8)) {
    case 0:
      return null;
    case 1:
      return int(random, 2) === 0 ? -1 : 2 ** 53;
    case 2:
      return 'x'.repeat(int(random, 40));
    case 3:
      return random() < 0.5;
    case 4:
      return int(random, 300) - 20;
    case 5:
      return undefined;
    case 6:
      return [randomValue(random, depth + 1), randomValue(random, depth + 1)];
    default:
      return {
        t: randomValue(random, depth + 1),
        [`k${int(random, 9)}`]: randomValue(random, depth + 1),
      };
  }
}

function clone(value: unknown): unknown {
  return structuredClone(value);
}

/** Replaces, removes or adds one field somewhere in the message, or the whole message. */
function reshape(random: Random, message: unknown): unknown {
  if (typeof message !== 'object' || message === null || random() < 0.1) return randomValue(random);
  const copy = clone(message) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (let depth = 0; depth < 3; depth++) {
    const nested = Object.values(target).filter(
      (v): v is Record<string, unknown> => typeof v === 'object' && v !== null,
    );
    if (nested.length === 0 || random() < 0.5) break;
    target = pick(random, nested);
  }
  const keys = Object.keys(target);
  const key = keys.length > 0 && random() < 0.8 ? pick(random, keys) : `extra${int(random, 5)}`;
  if (random() < 0.3) delete target[key];
  else target[key] = randomValue(random);
  return copy;
}

/** Sets every distributed-system-id field to a wrong one. */
function redsid(random: Random, message: unknown): unknown {
  const wrong = pick(random, [0, 3, 255, 256, -1, 7.5]);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, DSID_FIELDS.has(k) ? wrong : walk(v)]),
    );
  };
  return walk(message);
}

function flipBytes(random: Random, frame: Buffer): Buffer {
  const copy = Buffer.from(frame);
  const flips = 1 + int(random, 4);
  for (let i = 0; i < flips && copy.length > 4; i++) {
    const at = 4 + int(random, copy.length - 4);
    copy[at] = copy[at]! ^ (1 << int(random, 8));
  }
  return copy;
}

/** One fuzz case from one valid conversation. */
export function mutate(random: Random, conversation: readonly unknown[]): FuzzCase {
  const mutation = pick(random, MUTATIONS);
  const frames = conversation.map((message) => encodeFrame(message));
  const at = int(random, frames.length);
  const whole = (): Buffer => Buffer.concat(frames);
  switch (mutation) {
    case 'valid':
      return { mutation, bytes: whole() };
    case 'truncated': {
      const bytes = whole();
      return { mutation, bytes: bytes.subarray(0, int(random, bytes.length)) };
    }
    case 'huge-length': {
      const declared = pick(random, [2 ** 31, 0xffffffff, 2 ** 26 + 1, 2 ** 22 + 1]);
      const head = Buffer.concat(frames.slice(0, at));
      return { mutation, bytes: Buffer.concat([head, rawFrame(declared, Buffer.alloc(64))]) };
    }
    case 'byte-flips':
      frames[at] = flipBytes(random, frames[at]!);
      return { mutation, bytes: whole() };
    case 'wrong-shape':
      frames[at] = encodeFrame(reshape(random, conversation[at]));
      return { mutation, bytes: whole() };
    case 'wrong-dsid':
      return {
        mutation,
        bytes: Buffer.concat(conversation.map((m) => encodeFrame(redsid(random, m)))),
      };
    case 'replay':
      return { mutation, bytes: Buffer.concat([whole(), ...frames.slice(at)]) };
    case 'random-bytes': {
      const bytes = Buffer.alloc(int(random, 64));
      for (let i = 0; i < bytes.length; i++) bytes[i] = int(random, 256);
      return { mutation, bytes };
    }
  }
}
