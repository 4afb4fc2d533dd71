import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz, type FuzzFigures } from './fuzz-runner.js';
import { locatorTarget, peerTarget, receiverTarget, type RunningTarget } from './fuzz-targets.js';

/**
 * A seconds-long seeded fuzz of every framed port (issue 17): mutated valid conversations
 * (truncated, huge declared lengths, wrong shapes, wrong site ids, replays, flipped bytes,
 * random bytes). Any crash ends this test process; each port must still serve afterwards and
 * the heap must stay bounded. WANLAB_FUZZ_SEED repeats a run; scripts/fuzz.sh runs longer.
 */
const SEED = Number(process.env.WANLAB_FUZZ_SEED ?? Date.now() % 2 ** 31);
const CASES = 240;
const DURATION_MS = 20000;
const HEAP_GROWTH_MAX_BYTES = 96 * 1024 * 1024;

async function fuzzOne(start: () => Promise<RunningTarget>, seed: number): Promise<FuzzFigures> {
  const target = await start();
  try {
    return await fuzz(target, {
      seed,
      cases: CASES,
      durationMs: DURATION_MS,
      concurrency: 8,
      caseWaitMs: 40,
    });
  } finally {
    await target.stop();
  }
}

for (const [name, start] of [
  ['gateway receiver', receiverTarget],
  ['locator', locatorTarget],
  ['peer', peerTarget],
] as const) {
  test(`fuzz: the ${name} port survives mutated frames and still serves (seed ${SEED})`, async (t) => {
    const figures = await fuzzOne(start, SEED);
    t.diagnostic(JSON.stringify(figures));
    const why = `seed ${SEED} (repeat with WANLAB_FUZZ_SEED=${SEED}): ${JSON.stringify(figures)}`;
    assert.equal(figures.cases, CASES, `only ${figures.cases} cases; ${why}`);
    assert.ok(figures.closedByServer > 0, `the server closed no bad connection; ${why}`);
    const growth = figures.heapAfterBytes - figures.heapBeforeBytes;
    assert.ok(growth < HEAP_GROWTH_MAX_BYTES, `heap grew by ${growth} bytes; ${why}`);
  });
}
