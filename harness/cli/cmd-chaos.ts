import { relative } from 'node:path';
import { runExperiment, scheduleOf } from '../chaos/run-experiment.js';
import { progressLine, type Progress } from '../chaos/progress.js';
import { CHAOS_EXIT, exitCodeOf } from './exit-codes.js';
import { describeTarget } from '../experiment/model.js';
import { isHarnessError } from '../errors.js';
import { loadExperiment } from '../experiment/load-experiment.js';
import { table } from './output.js';
import { verdictTable } from './verdict-table.js';

export interface ChaosOptions {
  experiment: string;
  seed: number;
  timeLimitMs?: number;
  outDir?: string;
  /** Print the fault schedule the seed gives, and run nothing. */
  planOnly: boolean;
}

/**
 * `wanlab chaos <experiment>`: runs it with a live progress line, prints the verdict table.
 * Exit codes: CHAOS_EXIT (0 pass, 1 fail, 2 harness or input error, 3 unknown).
 */
export async function runChaos(options: ChaosOptions): Promise<number> {
  const experiment = loadExperiment(options.experiment);
  const timeLimitMs = options.timeLimitMs ?? experiment.timeLimitMs;
  if (options.planOnly) {
    process.stdout.write(
      planText(experiment.name, options.seed, scheduleOf(experiment, options.seed, timeLimitMs)),
    );
    return 0;
  }
  process.stderr.write(
    `wanlab chaos: ${experiment.name} on ${experiment.topology.name}, seed ${options.seed} (repeat with --seed ${options.seed}), ${timeLimitMs / 1000} s\n`,
  );
  const progress = progressPrinter();
  let analysis;
  try {
    analysis = await runExperiment(experiment, {
      seed: options.seed,
      ...(options.timeLimitMs === undefined ? {} : { timeLimitMs: options.timeLimitMs }),
      ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
      onProgress: progress.update,
    });
  } catch (error) {
    // Whatever went wrong, the run proves nothing about the engine: no verdict, exit 2.
    progress.done();
    const text = isHarnessError(error)
      ? error.format()
      : `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    process.stderr.write(
      `${text}\nwanlab chaos: no verdict for seed ${options.seed} (harness error)\n`,
    );
    return CHAOS_EXIT.harnessOrInputError;
  }
  progress.done();
  process.stdout.write(`${verdictTable(analysis.verdict)}\n`);
  process.stdout.write(
    `seed ${options.seed}; run folder ${relative(process.cwd(), analysis.folder.dir)} (report.html, history.ndjson)\n`,
  );
  return exitCodeOf(analysis.verdict);
}

function planText(name: string, seed: number, schedule: ReturnType<typeof scheduleOf>): string {
  const rows = schedule.map((f) => [
    `#${f.id}`,
    (f.startMs / 1000).toFixed(2),
    (f.durationMs / 1000).toFixed(2),
    f.kind,
    describeTarget(f.target),
    `${f.stream ?? ''} ${Object.entries(f.params)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`.trim(),
  ]);
  return `${name}, seed ${seed}: ${schedule.length} faults\n${table(['ID', 'AT (s)', 'FOR (s)', 'KIND', 'TARGET', 'PARAMETERS'], rows)}\n`;
}

/** On a terminal, one line rewritten in place; otherwise a line every few seconds. */
function progressPrinter(): { update: (p: Progress) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastPrintMs = 0;
  return {
    update: (p) => {
      const line = progressLine(p);
      if (tty) {
        const width = process.stderr.columns ?? 120;
        process.stderr.write(`\r\x1b[K${line.slice(0, width - 1)}`);
        return;
      }
      if (Date.now() - lastPrintMs >= 5000 || p.phase !== 'running') {
        lastPrintMs = Date.now();
        process.stderr.write(`${line}\n`);
      }
    },
    done: () => {
      if (tty) process.stderr.write('\n');
    },
  };
}
