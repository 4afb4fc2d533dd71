import { Deployment } from '../../harness/deployment/deployment.js';
import { HarnessError } from '../../harness/errors.js';
import { eventually } from '../../harness/util/wait.js';
import type { Benchmark, BenchReport } from '../bench-types.js';
import { machineInfo } from '../machine.js';
import { benchTopology, PARALLEL, SERIAL } from './bench-topology.js';
import { measureDrain, type DrainResult } from './drain.js';
import { measureFailover, type FailoverResult } from './failover.js';

interface Options {
  events: number;
  repeat: number;
  valueBytes: number;
  /** 0 skips the failover measurement. */
  failovers: number;
  members: number[];
}

/** Goals from issue 4: parallel throughput grows with members, failover under 2 s. */
const GOAL_SPEEDUP_1_TO_2 = 1.3;
const GOAL_FAILOVER_GAP_MS = 2000;
const MEMBER_COUNTS = [1, 2, 3] as const;

const USAGE = `options:
  --events N        events per drain (default 20000)
  --repeat R        drains per sender and member count; the median counts (default 3)
  --value-bytes B   bytes of each value (default 100)
  --failovers F     SIGKILLs per sender for the failover gap (default 3; 0 skips it)
  --members 1,2,3   member counts per site to measure (default 1,2,3; must include 1)`;

function parseOptions(args: readonly string[]): Options {
  const read = (flag: string, fallback: number): number => {
    const at = args.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < (flag === '--failovers' ? 0 : 1)) {
      throw new HarnessError(
        'WANLAB_USAGE',
        `${flag} needs a positive integer, not "${args[at + 1] ?? ''}"`,
        USAGE.replace(/\s+/g, ' '),
      );
    }
    return value;
  };
  return {
    events: read('--events', 20_000),
    repeat: read('--repeat', 3),
    valueBytes: read('--value-bytes', 100),
    failovers: read('--failovers', 3),
    members: readMembers(args),
  };
}

function readMembers(args: readonly string[]): number[] {
  const at = args.indexOf('--members');
  if (at < 0) return [...MEMBER_COUNTS];
  const members = (args[at + 1] ?? '').split(',').map(Number);
  if (!members.includes(1) || members.some((n) => !Number.isInteger(n) || n < 1 || n > 3)) {
    throw new HarnessError(
      'WANLAB_USAGE',
      `--members needs a list of 1, 2 or 3 that includes 1, not "${args[at + 1] ?? ''}"`,
      USAGE.replace(/\s+/g, ' '),
    );
  }
  return members;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

async function withDeployment<T>(
  members: number,
  redundantCopies: number,
  run: (deployment: Deployment) => Promise<T>,
): Promise<T> {
  const deployment = await Deployment.start(benchTopology(members, redundantCopies), {
    startTimeoutMs: 60_000,
  });
  try {
    await settle(deployment);
    return await run(deployment);
  } finally {
    await deployment.stop();
  }
}

/** Every bucket of the benchmark regions has its primary and copies before measuring. */
async function settle(deployment: Deployment): Promise<void> {
  const client = deployment.members('site1')[0]!.client;
  await eventually(
    async () => {
      const tables = await Promise.all([PARALLEL, SERIAL].map((t) => client.buckets(t.region)));
      return tables.every((t) => t.buckets.every((b) => b.primary && b.initializing.length === 0));
    },
    (ok) => ok,
    { timeoutMs: 60_000, description: 'the bucket tables to settle' },
  );
}

async function throughput(options: Options): Promise<Record<string, DrainResult[]>> {
  const results: Record<string, DrainResult[]> = {};
  for (const members of options.members) {
    await withDeployment(members, 0, async (deployment) => {
      for (const [label, target, parallel] of [
        ['parallel', PARALLEL, true],
        ['serial', SERIAL, false],
      ] as const) {
        const runs: DrainResult[] = [];
        for (let i = 0; i < options.repeat; i++) {
          runs.push(
            await measureDrain(deployment, target, options.events, options.valueBytes, parallel),
          );
          process.stderr.write(
            `parallel bench: ${label} sender, ${members} member(s): ${runs.at(-1)!.eventsPerS} events/s\n`,
          );
        }
        results[`${label}-${members}`] = runs;
      }
    });
  }
  return results;
}

async function failover(options: Options): Promise<Record<string, FailoverResult[]>> {
  return withDeployment(3, 1, async (deployment) => {
    const results: Record<string, FailoverResult[]> = { parallel: [], serial: [] };
    for (let i = 0; i < options.failovers; i++) {
      for (const [label, target, parallel] of [
        ['parallel', PARALLEL, true],
        ['serial', SERIAL, false],
      ] as const) {
        const result = await measureFailover(deployment, target, parallel);
        results[label]!.push(result);
        process.stderr.write(`parallel bench: ${label} failover gap ${result.gapMs} ms\n`);
        await settle(deployment);
      }
    }
    return results;
  });
}

export const parallelBenchmark: Benchmark = {
  name: 'parallel',
  description:
    'events/s of a parallel sender with 1, 2 and 3 members per site against a serial sender on the same topology, and the failover gap after SIGKILL of a dispatching member',
  usage: USAGE,
  async run(args: readonly string[]): Promise<BenchReport> {
    const options = parseOptions(args);
    const startedAt = new Date().toISOString();
    const machine = machineInfo();
    const drains = await throughput(options);
    const gaps = options.failovers > 0 ? await failover(options) : { parallel: [], serial: [] };
    const rate = (key: string): number => median(drains[key]!.map((d) => d.eventsPerS));
    const perMembers = Object.fromEntries(
      options.members.map((n) => [
        `${n}`,
        {
          parallelEventsPerS: rate(`parallel-${n}`),
          serialEventsPerS: rate(`serial-${n}`),
          parallelOverSerial: Number((rate(`parallel-${n}`) / rate(`serial-${n}`)).toFixed(2)),
          parallelOverParallelWith1: Number(
            (rate(`parallel-${n}`) / rate('parallel-1')).toFixed(2),
          ),
        },
      ]),
    );
    const gapSummary = Object.fromEntries(
      Object.entries(gaps).map(([label, runs]) => [
        label,
        runs.length === 0
          ? { runs }
          : {
              medianGapMs: median(runs.map((r) => r.gapMs)),
              maxGapMs: Math.max(...runs.map((r) => r.gapMs)),
              runs,
            },
      ]),
    );
    return {
      benchmark: 'parallel',
      command: `npm run bench -- parallel ${args.join(' ')}`.trim(),
      startedAt,
      machine,
      method:
        'Throughput: senders paused, N events written, senders resumed, time until every queue of site 1 is empty (all acknowledged by site 2). Both sites have the same member count; redundantCopies 0; sender and engine defaults (5 dispatchers, batch 100 / 1000 ms, heartbeat 1 s, member timeout 5 s). Failover: 3 members, redundantCopies 1, steady writes, SIGKILL of the dispatching member; gap = kill until site 2 applies the first event made after the kill that the killed member would have sent (includes up to one batch time interval).',
      options,
      throughput: perMembers,
      goals: {
        speedup1To2: {
          goal: GOAL_SPEEDUP_1_TO_2,
          measured: perMembers['2']?.parallelOverParallelWith1,
          met: (perMembers['2']?.parallelOverParallelWith1 ?? 0) >= GOAL_SPEEDUP_1_TO_2,
        },
        failoverGapMs: {
          goal: GOAL_FAILOVER_GAP_MS,
          measured: Math.max(...Object.values(gaps).flatMap((runs) => runs.map((r) => r.gapMs))),
          met: Object.values(gaps).every((runs) =>
            runs.every((r) => r.gapMs < GOAL_FAILOVER_GAP_MS),
          ),
        },
      },
      failover: gapSummary,
      drains,
    };
  },
};
