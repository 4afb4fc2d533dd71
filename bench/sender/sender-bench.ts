import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from '../../harness/deployment/deployment.js';
import { engineFor } from '../../harness/engines/engine-choice.js';
import type { EngineDriver } from '../../harness/engines/engine-driver.js';
import { HarnessError } from '../../harness/errors.js';
import { loadTopology } from '../../harness/topology/load-topology.js';
import { projectRoot } from '../../harness/util/project-root.js';
import type { Benchmark, BenchReport } from '../bench-types.js';
import { machineInfo } from '../machine.js';
import { spread } from '../stats.js';
import { measureCeiling, type CeilingResult } from './ceiling.js';
import { DRAIN_MEMBERS, measureDrain, type DrainResult, type Sites } from './drain.js';
import { measureLag, type LagResult } from './lag.js';
import { compareSender } from '../compare/sender-compare.js';
import { totalCpuSeconds } from '../compare/process-cpu.js';

interface Options {
  events: number;
  repeat: number;
  valueBytes: number;
  lagSeconds: number;
  /** Where the members write CPU profiles (node --cpu-prof), if asked. */
  profileDir?: string;
}

/** TLS drains at least this fraction of plain text's (issue 17). */
const TLS_GOAL_RATIO = 0.8;
const GOAL_EVENTS_PER_S = 100_000;
const BATCH_SIZES = [100, 1000] as const;
/** The applied-event log of a member keeps 200000 events; a drain must fit in it. */
const MAX_EVENTS = 200_000;
const WARMUP_EVENTS = 50_000;

const USAGE = `options:
  --events N        events per drain (default ${MAX_EVENTS}, at most ${MAX_EVENTS})
  --repeat R        drains per batch size, and ceilings (default 3)
  --value-bytes B   bytes of each value (default 100)
  --lag-seconds S   duration of the half-load lag run (default 5)
  --profile         members write CPU profiles to bench/results/profiles/`;

function parseOptions(args: readonly string[]): Options {
  const read = (flag: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const at = args.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new HarnessError(
        'WANLAB_USAGE',
        `${flag} needs an integer from 1 to ${max}, not "${args[at + 1] ?? ''}"`,
        USAGE.replace(/\n/g, ' ').replace(/\s+/g, ' '),
      );
    }
    return value;
  };
  return {
    events: read('--events', MAX_EVENTS, MAX_EVENTS),
    repeat: read('--repeat', 3),
    valueBytes: read('--value-bytes', 100),
    lagSeconds: read('--lag-seconds', 5),
    ...(args.includes('--profile')
      ? { profileDir: join(projectRoot(), 'bench', 'results', 'profiles') }
      : {}),
  };
}

function log(line: string): void {
  process.stderr.write(`[bench sender] ${line}\n`);
}

async function withDeployment<T>(
  options: Options,
  run: (deployment: Deployment) => Promise<T>,
  tls = false,
): Promise<T> {
  const loaded = loadTopology(join(projectRoot(), 'topologies', 'bench-sender.yaml'));
  // The same topology with TLS on every link (issue 17): certificates from a throwaway CA.
  const topology = tls ? { ...loaded, tls: true } : loaded;
  const engine = engineFor(topology);
  if (!engine.gatewayWire) {
    throw new HarnessError(
      'WANLAB_ENGINE_UNSUPPORTED',
      `the ${engine.name} driver has no gateway wire: the bare-TCP ceiling needs the bytes of a batch`,
      'run the sender benchmark on an engine with the raw-gateway-input capability',
    );
  }
  const profiling = options.profileDir ? profilingEnv(engine, options.profileDir) : {};
  // Children inherit the environment; a profile is written when a member exits cleanly.
  Object.assign(process.env, profiling);
  const deployment = await Deployment.start(topology, { engine });
  for (const name of Object.keys(profiling)) delete process.env[name];
  try {
    return await run(deployment);
  } finally {
    if (options.profileDir) {
      for (const member of deployment.members()) await member.stop();
      log(`profiles in ${options.profileDir}`);
    }
    await deployment.stop();
  }
}

function profilingEnv(engine: EngineDriver, dir: string): Record<string, string> {
  if (!engine.profilingEnv) {
    throw new HarnessError(
      'WANLAB_ENGINE_UNSUPPORTED',
      `the ${engine.name} driver cannot make its processes write CPU profiles`,
      'run without --profile',
    );
  }
  mkdirSync(dir, { recursive: true });
  return engine.profilingEnv(dir);
}

function sitesOf(deployment: Deployment): Sites {
  return {
    origin: deployment.member('site1-m1').client,
    remote: deployment.member('site2-m1').client,
    wire: deployment.driver.gatewayWire!,
    cpuSeconds: () => totalCpuSeconds(DRAIN_MEMBERS.map((name) => deployment.member(name).pid)),
  };
}

async function measureAll(deployment: Deployment, options: Options) {
  const sites = sitesOf(deployment);
  const value = 'v'.repeat(options.valueBytes);
  const drains: DrainResult[] = [];
  const ceilings: CeilingResult[] = [];
  const toxiproxy = deployment.links.apiUrl;
  // One drain that is not counted: both members' code is compiled and warm before measuring.
  await measureDrain(sites, {
    tag: 'warm-',
    batchSize: 1000,
    events: Math.min(WARMUP_EVENTS, options.events),
    value,
  });
  for (let r = 0; r < options.repeat; r++) {
    for (const batchSize of BATCH_SIZES) {
      const drain = await measureDrain(sites, {
        tag: `r${r}b${batchSize}-`,
        batchSize,
        events: options.events,
        value,
      });
      log(`drain batch ${batchSize}: ${drain.eventsPerS} events/s (${drain.drainMs} ms)`);
      drains.push(drain);
    }
    const fiveLanes = await measureDrain(sites, {
      tag: `r${r}x5-`,
      batchSize: 1000,
      events: options.events,
      value,
      dispatcherThreads: 5,
    });
    log(`drain batch 1000, 5 dispatchers: ${fiveLanes.eventsPerS} events/s`);
    drains.push(fiveLanes);
    // withDeployment refused an engine without a gateway wire: every drain has the figure.
    const bytesPerEvent = drains[drains.length - 2]!.wireBytesPerEvent ?? 0;
    const ceiling = await measureCeiling(
      toxiproxy,
      bytesPerEvent * options.events,
      bytesPerEvent * 1000,
    );
    log(`ceiling: ${Math.round(options.events / (ceiling.elapsedMs / 1000))} events/s`);
    ceilings.push(ceiling);
  }
  return { drains, ceilings, sites, value };
}

/** Drains at batch 1000, one dispatcher, with TLS on every link (after one warm-up drain). */
async function measureTls(options: Options): Promise<DrainResult[]> {
  return withDeployment(
    options,
    async (deployment) => {
      const sites = sitesOf(deployment);
      const value = 'v'.repeat(options.valueBytes);
      const events = Math.min(WARMUP_EVENTS, options.events);
      await measureDrain(sites, { tag: 'tls-warm-', batchSize: 1000, events, value });
      const drains: DrainResult[] = [];
      for (let r = 0; r < options.repeat; r++) {
        const drain = await measureDrain(sites, {
          tag: `tls-r${r}-`,
          batchSize: 1000,
          events: options.events,
          value,
        });
        log(`TLS drain batch 1000: ${drain.eventsPerS} events/s (${drain.drainMs} ms)`);
        drains.push(drain);
      }
      return drains;
    },
    true,
  );
}

/** TLS against plain text, batch 1000 and one dispatcher both (goal: at least 0.8x). */
function tlsSummary(plain: DrainResult[], tls: DrainResult[]) {
  const plainMedian = spread(
    plain.filter((d) => d.batchSize === 1000 && d.dispatcherThreads === 1).map((d) => d.eventsPerS),
  ).median;
  const tlsEventsPerS = spread(tls.map((d) => d.eventsPerS));
  const ratio = Math.round((tlsEventsPerS.median / plainMedian) * 1000) / 1000;
  return {
    batchSize1000: { eventsPerS: tlsEventsPerS },
    ratioToPlainText: ratio,
    goal: { ratioToPlainText: TLS_GOAL_RATIO, met: ratio >= TLS_GOAL_RATIO },
  };
}

function summarize(
  drains: DrainResult[],
  ceilings: CeilingResult[],
  events: number,
  lag: LagResult,
) {
  const oneLane = drains.filter((d) => d.dispatcherThreads === 1);
  const perBatch = Object.fromEntries(
    BATCH_SIZES.map((size) => [
      `batchSize${size}`,
      {
        eventsPerS: spread(oneLane.filter((d) => d.batchSize === size).map((d) => d.eventsPerS)),
        eventsPerCpuS: spread(
          oneLane.filter((d) => d.batchSize === size).map((d) => d.eventsPerCpuS ?? Number.NaN),
        ),
      },
    ]),
  );
  const fiveLanes = drains.filter((d) => d.dispatcherThreads === 5).map((d) => d.eventsPerS);
  const ceilingEventsPerS = ceilings.map((c) => events / (c.elapsedMs / 1000));
  const batch1000 = oneLane.filter((d) => d.batchSize === 1000).map((d) => d.eventsPerS);
  const ratios = batch1000.map((eps, i) => eps / ceilingEventsPerS[i]!);
  const medianEventsPerS = spread(batch1000).median;
  return {
    ...perBatch,
    batchSize1000FiveDispatchers: { eventsPerS: spread(fiveLanes) },
    ceilingEventsPerS: spread(ceilingEventsPerS),
    ceilingMbPerS: spread(
      ceilings.map((c) => c.mbPerS),
      1,
    ),
    ratioToCeilingBatchSize1000: spread(ratios, 3),
    lag,
    goal: {
      eventsPerS: GOAL_EVENTS_PER_S,
      eventsPerSMet: medianEventsPerS >= GOAL_EVENTS_PER_S,
      lagP99Ms: lag.goalLagP99Ms,
      lagP99Met: lag.lagP99Ms < lag.goalLagP99Ms,
    },
  };
}

export const senderBenchmark: Benchmark = {
  name: 'sender',
  description:
    'events/s of one serial sender across a Toxiproxy link (batch 100 and 1000), against a ' +
    'bare TCP client through the same toxiproxy-server, and replication lag at half load',
  usage: USAGE,
  compare(engines, args): Promise<BenchReport> {
    const { events, repeat, valueBytes } = parseOptions(args);
    const command = `npm run bench -- sender --engine ${engines.join(',')} ${args.join(' ')}`;
    return compareSender(engines, { events, repeat, valueBytes }, command.trim(), log);
  },
  async run(args): Promise<BenchReport> {
    const options = parseOptions(args);
    const startedAt = new Date().toISOString();
    const machine = machineInfo();
    log(`load average ${machine.loadAverage1mAtStart} on ${machine.cpus} cpus`);
    return withDeployment(options, async (deployment) => {
      const { drains, ceilings, sites, value } = await measureAll(deployment, options);
      const peak = spread(
        drains
          .filter((d) => d.batchSize === 1000 && d.dispatcherThreads === 1)
          .map((d) => d.eventsPerS),
      );
      const lag = await measureLag(sites, {
        tag: 'lag-',
        rateEventsPerS: Math.round(peak.median / 2),
        durationMs: options.lagSeconds * 1000,
        batchSize: 1000,
        value,
      });
      log(
        `lag at ${lag.achievedRateEventsPerS} events/s: p50 ${lag.lagP50Ms} ms, p99 ${lag.lagP99Ms} ms`,
      );
      return { drains, ceilings, lag };
    }).then(async ({ drains, ceilings, lag }) => {
      const tlsDrains = await measureTls(options);
      const tls = tlsSummary(drains, tlsDrains);
      log(
        `TLS: ${tls.batchSize1000.eventsPerS.median} events/s, ${tls.ratioToPlainText}x plain text`,
      );
      return {
        benchmark: 'sender',
        command: `npm run bench -- sender ${args.join(' ')}`.trim(),
        startedAt,
        machine,
        settings: {
          ...options,
          dispatcherThreads: 1,
          topology: 'topologies/bench-sender.yaml',
          method:
            'after one uncounted warm-up drain: pause the sender, fill its queue with putAll, resume, time until the last event ' +
            'is applied at site 2 (its applied-at stamp); ceiling: the same bytes from a bare ' +
            'TCP client through a proxy of the same toxiproxy-server to a bare sink process',
        },
        summary: { ...summarize(drains, ceilings, options.events, lag), tls },
        drains,
        tlsDrains,
        ceilings,
      } satisfies BenchReport;
    });
  },
};
