import type { Address } from '../net/framed-socket.js';
import { seededRandom } from '../random.js';
import { mutate, type Mutation } from './frame-mutator.js';
import { sendRaw } from './raw-client.js';

/** One listening port under fuzz: valid conversations to mutate, and a check that it serves. */
export interface FuzzTarget {
  name: string;
  address: Address;
  conversations: ReadonlyArray<readonly unknown[]>;
  /** Rejects unless the port still serves a valid client after the fuzz. */
  stillServes(): Promise<void>;
}

export interface FuzzOptions {
  seed: number;
  /** The same seed and count make the same cases, whatever the machine's speed. */
  cases: number;
  /** Stops earlier when this runs out (a long run given by time). */
  durationMs: number;
  /** Connections in flight at once. */
  concurrency: number;
  /** How long one case waits for the server to close before it closes itself. */
  caseWaitMs: number;
}

export interface FuzzFigures {
  target: string;
  seed: number;
  cases: number;
  perMutation: Partial<Record<Mutation, number>>;
  /** Cases the server ended itself (a refusal or a protocol error). */
  closedByServer: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
}

/** Sends `cases` mutated conversations (within `durationMs`); a crash ends the process. */
export async function fuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzFigures> {
  const random = seededRandom(options.seed);
  const figures: FuzzFigures = {
    target: target.name,
    seed: options.seed,
    cases: 0,
    perMutation: {},
    closedByServer: 0,
    heapBeforeBytes: heapNow(),
    heapAfterBytes: 0,
  };
  const deadline = Date.now() + options.durationMs;
  const worker = async (): Promise<void> => {
    while (figures.cases < options.cases && Date.now() < deadline) {
      const conversation =
        target.conversations[Math.floor(random() * target.conversations.length)]!;
      const one = mutate(random, conversation);
      figures.cases++;
      figures.perMutation[one.mutation] = (figures.perMutation[one.mutation] ?? 0) + 1;
      const outcome = await sendRaw(target.address, one.bytes, options.caseWaitMs);
      if (outcome.closedByServer) figures.closedByServer++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await target.stillServes();
  figures.heapAfterBytes = heapNow();
  return figures;
}

function heapNow(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  return process.memoryUsage().heapUsed;
}
