import type { BenchReport } from '../bench-types.js';
import { machineInfo } from '../machine.js';
import { DRAIN_MEMBERS, measureDrain, type DrainResult, type Sites } from '../sender/drain.js';
import { totalCpuSeconds } from './process-cpu.js';
import { spread, type Spread } from '../stats.js';
import {
  membersResidentMb,
  ratioOf,
  roundOrder,
  startContenders,
  stopContenders,
  type Contender,
} from './engine-compare.js';

export interface CompareOptions {
  events: number;
  repeat: number;
  valueBytes: number;
}

const BATCH_SIZES = [1000, 100] as const;
const WARMUP_EVENTS = 50_000;

function sitesOf(contender: Contender): Sites {
  const { deployment } = contender;
  return {
    origin: deployment.member('site1-m1').client,
    remote: deployment.member('site2-m1').client,
    wire: deployment.driver.gatewayWire,
    cpuSeconds: () => totalCpuSeconds(DRAIN_MEMBERS.map((name) => deployment.member(name).pid)),
  };
}

/**
 * `npm run bench -- sender --engine wanlab,geode`: both engines deployed from the same
 * topology, one warm-up drain each, then `repeat` rounds in which every engine drains the same
 * events at batch 1000 and 100 (the order alternating between rounds); the figures of each
 * engine, and the first engine's over each other's, per batch size.
 */
export async function compareSender(
  engines: readonly string[],
  options: CompareOptions,
  command: string,
  log: (line: string) => void,
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  log(
    `load average ${machine.loadAverage1mAtStart} on ${machine.cpus} cpus; ${engines.join(' vs ')}`,
  );
  const contenders = await startContenders(engines, 'bench-sender.yaml', log);
  try {
    const value = 'v'.repeat(options.valueBytes);
    for (const c of contenders) {
      await measureDrain(sitesOf(c), {
        tag: `${c.engine}-warm-`,
        batchSize: 1000,
        events: Math.min(WARMUP_EVENTS, options.events),
        value,
      });
    }
    const drains = new Map<string, DrainResult[]>(engines.map((e) => [e, []]));
    for (let round = 0; round < options.repeat; round++) {
      for (const c of roundOrder(contenders, round)) {
        for (const batchSize of BATCH_SIZES) {
          const drain = await measureDrain(sitesOf(c), {
            tag: `${c.engine}-r${round}b${batchSize}-`,
            batchSize,
            events: options.events,
            value,
          });
          log(
            `${c.engine} round ${round} batch ${batchSize}: ${drain.eventsPerS} events/s, ` +
              `${drain.eventsPerCpuS ?? '?'} events per member CPU second`,
          );
          drains.get(c.engine)!.push(drain);
        }
      }
    }
    return {
      benchmark: 'sender',
      command,
      startedAt,
      machine,
      settings: {
        ...options,
        engines,
        topology: 'topologies/bench-sender.yaml',
        method:
          'both engines deployed from the same topology and kept up; one uncounted warm-up drain each; ' +
          'then each round drains the same number of fresh keys on each engine (the order ' +
          'alternating between rounds): pause the sender, putAll, resume, time until the last ' +
          'event is applied at site 2 (its applied-at stamp)',
      },
      engines: Object.fromEntries(
        contenders.map((c) => [c.engine, engineFigures(c, drains.get(c.engine)!)]),
      ),
      ratios: ratios(contenders, drains),
    };
  } finally {
    await stopContenders(contenders);
  }
}

function byBatch(
  drains: readonly DrainResult[],
  batchSize: number,
  figure: 'eventsPerS' | 'eventsPerCpuS' = 'eventsPerS',
): Spread {
  return spread(
    drains.filter((d) => d.batchSize === batchSize).map((d) => d[figure] ?? Number.NaN),
  );
}

function engineFigures(contender: Contender, drains: readonly DrainResult[]) {
  return {
    engine: contender.deployment.engineName,
    upMs: contender.upMs,
    ...Object.fromEntries(
      BATCH_SIZES.map((size) => [
        `batchSize${size}`,
        {
          eventsPerS: byBatch(drains, size),
          // CPU of the sending and receiving members from the resume to the last apply.
          eventsPerCpuS: byBatch(drains, size, 'eventsPerCpuS'),
        },
      ]),
    ),
    residentMbAfterDrains: membersResidentMb(contender.deployment),
    drains,
  };
}

/** The first engine's events/s over each other engine's, per batch size and round. */
function ratios(contenders: readonly Contender[], drains: ReadonlyMap<string, DrainResult[]>) {
  const [first, ...others] = contenders;
  return Object.fromEntries(
    others.map((other) => [
      `${first!.engine}Over${capitalised(other.engine)}`,
      Object.fromEntries(
        BATCH_SIZES.flatMap((size) => [
          [
            `batchSize${size}`,
            ratioOf(
              byBatch(drains.get(first!.engine)!, size),
              byBatch(drains.get(other.engine)!, size),
            ),
          ],
          [
            `batchSize${size}PerCpuS`,
            ratioOf(
              byBatch(drains.get(first!.engine)!, size, 'eventsPerCpuS'),
              byBatch(drains.get(other.engine)!, size, 'eventsPerCpuS'),
            ),
          ],
        ]),
      ),
    ]),
  );
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
