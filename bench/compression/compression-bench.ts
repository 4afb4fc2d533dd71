import type { JsonValue } from '../../contract/index.js';
import type { MemberClient } from '../../harness/client/member-client.js';
import { Deployment } from '../../harness/deployment/deployment.js';
import { engineFor } from '../../harness/engines/engine-choice.js';
import { HarnessError } from '../../harness/errors.js';
import { Rng } from '../../harness/util/rng.js';
import type { Benchmark, BenchReport } from '../bench-types.js';
import { machineInfo } from '../machine.js';
import { spread } from '../stats.js';
import { appliedPosition, appliedSince, awaitApplied } from '../sender/drain.js';
import { LINK, REGION, SENDER, compressionTopology } from './compression-topology.js';

type Compression = 'none' | 'gzip';
const CODECS: readonly Compression[] = ['none', 'gzip'];

interface Options {
  events: number;
  repeat: number;
  rateKbPerS: number;
  batchSize: number;
}

interface DrainResult {
  compression: Compression;
  events: number;
  drainMs: number;
  eventsPerS: number;
  bytesBeforeCompression: number;
  bytesOnWire: number;
  wireBytesPerEvent: number;
}

const MAX_EVENTS = 100_000;
const PUT_ALL_CHUNK = 5_000;
const VALUE_BYTES_MIN = 100;
const VALUE_BYTES_MAX = 1000;
const SEED = 15;
const WORDS = ['order', 'customer', 'shipped', 'pending', 'amount', 'EUR', 'warehouse', 'north'];

const USAGE = `options:
  --events N      events per drain (default 5000, at most ${MAX_EVENTS})
  --repeat R      drains per codec, alternating (default 3)
  --rate-kb K     bandwidth toxic on each link, KB/s (default 1024)
  --batch-size B  events per batch (default 100)`;

function parseOptions(args: readonly string[]): Options {
  const read = (flag: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number => {
    const at = args.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new HarnessError(
        'WANLAB_USAGE',
        `${flag} needs an integer from 1 to ${max}, not "${args[at + 1] ?? ''}"`,
        USAGE.replace(/\s+/g, ' '),
      );
    }
    return value;
  };
  return {
    events: read('--events', 5000, MAX_EVENTS),
    repeat: read('--repeat', 3),
    rateKbPerS: read('--rate-kb', 1024),
    batchSize: read('--batch-size', 100, 10_000),
  };
}

function log(line: string): void {
  process.stderr.write(`[bench compression] ${line}\n`);
}

/** A record-like text of 100..1000 bytes: compressible as real values are, not one letter. */
function value(rng: Rng, i: number): string {
  const bytes = rng.int(VALUE_BYTES_MIN, VALUE_BYTES_MAX);
  let text = `#${i}`;
  while (text.length < bytes) text += ` ${rng.pick(WORDS)}=${rng.int(0, 9999)}`;
  return text.slice(0, bytes);
}

async function fill(origin: MemberClient, region: string, tag: string, values: string[]) {
  for (let from = 0; from < values.length; from += PUT_ALL_CHUNK) {
    const entries: Array<{ key: string; value: JsonValue }> = values
      .slice(from, from + PUT_ALL_CHUNK)
      .map((v, i) => ({ key: `${tag}${from + i}`, value: v }));
    await origin.putAll(region, entries);
  }
}

async function transportBytes(origin: MemberClient, sender: string) {
  const transport = (await origin.sender(sender)).transport;
  if (!transport) {
    throw new HarnessError(
      'WANLAB_ENGINE_UNSUPPORTED',
      `sender ${sender} reports no transport statistics`,
      'run the compression benchmark on an engine with the transport-compression capability',
    );
  }
  return transport;
}

/** Pause, fill, resume, and time until the last event is applied (its applied-at stamp). */
async function drain(
  deployment: Deployment,
  compression: Compression,
  tag: string,
  values: string[],
): Promise<DrainResult> {
  const origin = deployment.member('site1-m1').client;
  const remote = deployment.member('site2-m1').client;
  await origin.senderAction(SENDER, 'pause');
  const before = await appliedPosition(remote);
  await fill(origin, REGION, tag, values);
  const bytesBefore = await transportBytes(origin, SENDER);
  const startedAtMs = Date.now();
  await origin.senderAction(SENDER, 'resume');
  await awaitApplied(remote, before, values.length);
  const applied = await appliedSince(remote, before);
  const drainMs = applied[applied.length - 1]!.appliedAtMs - startedAtMs;
  const bytesAfter = await transportBytes(origin, SENDER);
  await Promise.all([origin.clear(REGION), remote.clear(REGION)]);
  const onWire = bytesAfter.batchBytesOnWire - bytesBefore.batchBytesOnWire;
  return {
    compression,
    events: values.length,
    drainMs,
    eventsPerS: Math.round(values.length / (drainMs / 1000)),
    bytesBeforeCompression:
      bytesAfter.batchBytesBeforeCompression - bytesBefore.batchBytesBeforeCompression,
    bytesOnWire: onWire,
    wireBytesPerEvent: Math.round(onWire / values.length),
  };
}

/** One deployment per codec (same topology but the codec), one warm-up drain, then `repeat`. */
async function measureCodec(
  compression: Compression,
  options: Options,
  values: string[],
): Promise<DrainResult[]> {
  const topology = compressionTopology(compression, options.batchSize);
  const deployment = await Deployment.start(topology, { engine: engineFor(topology) });
  try {
    await deployment.links.addToxic(
      LINK,
      { type: 'bandwidth', rateKbPerS: options.rateKbPerS },
      'upstream',
    );
    await drain(deployment, compression, 'warm-', values.slice(0, Math.min(500, values.length)));
    const drains: DrainResult[] = [];
    for (let r = 0; r < options.repeat; r++) {
      const result = await drain(deployment, compression, `r${r}-`, values);
      log(
        `${compression}: ${result.eventsPerS} events/s, ${result.wireBytesPerEvent} bytes/event on the wire (${result.drainMs} ms)`,
      );
      drains.push(result);
    }
    return drains;
  } finally {
    await deployment.stop();
  }
}

async function measure(options: Options): Promise<DrainResult[]> {
  const rng = new Rng(SEED);
  const values = Array.from({ length: options.events }, (_, i) => value(rng, i));
  const drains: DrainResult[] = [];
  for (const codec of CODECS) drains.push(...(await measureCodec(codec, options, values)));
  return drains;
}

function summarize(drains: DrainResult[]) {
  const of = (codec: Compression) => drains.filter((d) => d.compression === codec);
  const figures = (codec: Compression) => ({
    eventsPerS: spread(of(codec).map((d) => d.eventsPerS)),
    wireBytesPerEvent: spread(of(codec).map((d) => d.wireBytesPerEvent)),
    bytesOnWireToBefore: spread(
      of(codec).map((d) => d.bytesOnWire / d.bytesBeforeCompression),
      3,
    ),
  });
  const none = figures('none');
  const gzip = figures('gzip');
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
  return {
    none,
    gzip,
    gzipToNone: {
      eventsPerS: ratio(gzip.eventsPerS.median, none.eventsPerS.median),
      wireBytesPerEvent: ratio(gzip.wireBytesPerEvent.median, none.wireBytesPerEvent.median),
    },
  };
}

export const compressionBenchmark: Benchmark = {
  name: 'compression',
  description:
    'events/s and bytes on the wire of one serial sender over a bandwidth-limited Toxiproxy ' +
    'link, transport compression none against gzip, in one deployment (issue 15)',
  usage: USAGE,
  async run(args): Promise<BenchReport> {
    const options = parseOptions(args);
    const startedAt = new Date().toISOString();
    const machine = machineInfo();
    log(`load average ${machine.loadAverage1mAtStart} on ${machine.cpus} cpus`);
    const drains = await measure(options);
    const summary = summarize(drains);
    log(
      `gzip/none: ${summary.gzipToNone.eventsPerS}x events/s, ${summary.gzipToNone.wireBytesPerEvent}x bytes on the wire`,
    );
    return {
      benchmark: 'compression',
      command: `npm run bench -- compression ${args.join(' ')}`.trim(),
      startedAt,
      machine,
      settings: {
        ...options,
        valueBytes: { min: VALUE_BYTES_MIN, max: VALUE_BYTES_MAX, kind: 'record-like text' },
        dispatcherThreads: 1,
        topology: 'bench/compression/compression-topology.ts',
        method:
          'per codec, one two-site deployment whose sender and receiver say that codec, with a ' +
          'bandwidth toxic on the link (upstream); after one uncounted warm-up drain: pause ' +
          'the sender, fill its queue with putAll, resume, time until the last event is ' +
          "applied at site 2; bytes from the sender's transport statistics (batch payload bytes)",
      },
      summary,
      drains,
    } satisfies BenchReport;
  },
};
