import { fuzz, type FuzzFigures } from './fuzz-runner.js';
import { locatorTarget, peerTarget, receiverTarget } from './fuzz-targets.js';
import { halfSentFrames } from './half-frames.js';

/**
 * The long fuzz run (scripts/fuzz.sh): each framed port of a site for `--seconds`, one JSON
 * line of figures per port. Run with --expose-gc so that heap figures are after collection.
 */
function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) {
    process.stderr.write(`error: --${name} must be a non-negative number\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const seconds = argument('seconds', 30);
  const seed = argument('seed', Date.now() % 2 ** 31);
  const rssBefore = process.memoryUsage().rss;
  const all: FuzzFigures[] = [];
  for (const start of [receiverTarget, locatorTarget, peerTarget]) {
    const target = await start();
    const figures = await fuzz(target, {
      seed,
      cases: Number.MAX_SAFE_INTEGER,
      durationMs: seconds * 1000,
      concurrency: 16,
      caseWaitMs: 40,
    });
    await target.stop();
    all.push(figures);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  }
  process.stdout.write(`${JSON.stringify(await halfSentFrames())}\n`);
  const total = all.reduce((sum, f) => sum + f.cases, 0);
  const rssAfter = process.memoryUsage().rss;
  process.stdout.write(
    `${JSON.stringify({ seed, seconds, totalCases: total, crashes: 0, rssBeforeBytes: rssBefore, rssAfterBytes: rssAfter })}\n`,
  );
}

void main();
