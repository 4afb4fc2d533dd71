import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReceiverStatus } from '../../contract/control-api/receiver.js';
import type { SenderStatus } from '../../contract/control-api/senders.js';
import {
  QUEUE_STATISTICS,
  RECEIVER_STATISTICS,
  SENDER_STATISTICS,
} from '../../contract/statistics.js';
import { gatewayMetrics } from './gateway-metrics.js';
import { processMetrics } from './process-metrics.js';
import { exposition, snakeCase } from './prometheus-text.js';

interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

interface Parsed {
  types: Map<string, string>;
  helps: Map<string, string>;
  samples: ParsedSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/g;

/** A strict reader of the text format: every line a HELP, a TYPE or a sample of a typed family. */
function parseExposition(text: string): Parsed {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const parsed: Parsed = { types: new Map(), helps: new Map(), samples: [] };
  for (const line of text.slice(0, -1).split('\n')) {
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name, rest] = comment;
      assert.match(name!, NAME);
      const into = kind === 'HELP' ? parsed.helps : parsed.types;
      assert.ok(!into.has(name!), `${kind} ${name} appears once`);
      if (kind === 'TYPE') assert.match(rest!, /^(counter|gauge)$/);
      into.set(name!, rest!);
      continue;
    }
    const sample = SAMPLE.exec(line);
    assert.ok(sample, `a sample line: ${line}`);
    const [, name, labelText, value] = sample;
    assert.ok(parsed.types.has(name!), `${name} has a TYPE before its samples`);
    const labels = Object.fromEntries(
      [...(labelText ?? '').matchAll(LABEL)].map((m) => [m[1]!, m[2]!]),
    );
    assert.ok(Number.isFinite(Number(value)), `${line}: a number`);
    parsed.samples.push({ name: name!, labels, value: Number(value) });
  }
  return parsed;
}

const zeros = <K extends string>(declarations: Record<K, unknown>): Record<K, number> =>
  Object.fromEntries(Object.keys(declarations).map((k) => [k, 0])) as Record<K, number>;

function sender(id: string, remote: number): SenderStatus {
  return {
    id,
    remoteDistributedSystemId: remote,
    parallel: false,
    state: 'paused',
    running: true,
    paused: true,
    primary: true,
    connected: false,
    queue: { ...zeros(QUEUE_STATISTICS), size: 7, inMemory: 4, onDisk: 3, bytesOnDisk: 900 },
    stats: {
      ...zeros(SENDER_STATISTICS),
      eventsQueued: 120,
      batchesAcknowledged: 11,
      batchDistributionTimeMs: 2500,
      averageBatchDistributionTimeMs: 12.5,
    },
    dispatchers: [],
    attributes: {} as SenderStatus['attributes'],
    recentFailures: [],
  };
}

const receiver: ReceiverStatus = {
  running: true,
  manualStart: false,
  bindAddress: '127.0.0.1',
  port: 5001,
  startPort: 5000,
  endPort: 5500,
  connectedSenders: ['a', 'b'],
  stats: { ...zeros(RECEIVER_STATISTICS), batchesReceived: 11, outOfOrderBatchesReceived: 2 },
};

const identity = { member: 'site1-m1', distributedSystemId: 1 };

test('GET /metrics text parses; every family is typed once, with Geode names and units in the names', () => {
  const text = exposition(
    gatewayMetrics(identity, [sender('to-site2', 2), sender('to "3"', 3)], receiver),
  );
  const { types, helps, samples } = parseExposition(text);
  const value = (name: string, labels: Record<string, string> = {}): number | undefined =>
    samples.find(
      (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    )?.value;
  assert.equal(value('wanlab_gateway_sender_events_queued_total', { sender: 'to-site2' }), 120);
  assert.equal(
    value('wanlab_gateway_sender_batches_distributed_total'),
    11,
    'Geode: getTotalBatchesDistributed',
  );
  assert.equal(value('wanlab_gateway_sender_batch_distribution_time_seconds_total'), 2.5);
  assert.equal(value('wanlab_gateway_sender_average_distribution_time_per_batch_seconds'), 0.0125);
  assert.equal(value('wanlab_gateway_sender_event_queue_size'), 7, 'Geode: getEventQueueSize');
  assert.equal(value('wanlab_gateway_sender_entries_overflowed_to_disk_events'), 3);
  assert.equal(value('wanlab_gateway_sender_bytes_overflowed_to_disk'), 900);
  assert.equal(value('wanlab_gateway_sender_queue_in_memory_events'), 4);
  assert.equal(value('wanlab_gateway_sender_paused'), 1);
  assert.equal(value('wanlab_gateway_sender_connected'), 0);
  assert.equal(value('wanlab_gateway_receiver_outoforder_batches_received_total'), 2);
  assert.equal(value('wanlab_gateway_receiver_connected_senders'), 2);
  assert.equal(value('wanlab_gateway_sender_events_queued_total', { sender: 'to \\"3\\"' }), 120);
  assert.deepEqual(samples.find((s) => s.name === 'wanlab_gateway_sender_running')!.labels, {
    member: 'site1-m1',
    distributed_system_id: '1',
    sender: 'to-site2',
    remote_distributed_system_id: '2',
  });
  for (const [name, type] of types) {
    assert.ok(helps.has(name), `${name} has a HELP`);
    assert.equal(name.endsWith('_total'), type === 'counter', `${name}: _total only on counters`);
    assert.doesNotMatch(name, /_ms(_|$)/, `${name}: time in seconds`);
  }
  const perSender =
    Object.keys(SENDER_STATISTICS).length + Object.keys(QUEUE_STATISTICS).length + 4;
  const perReceiver = Object.keys(RECEIVER_STATISTICS).length + 2;
  assert.equal(types.size, perSender + perReceiver, 'one family per statistic: no name is shared');
  assert.equal(samples.length, 2 * perSender + perReceiver);
});

test('a member without senders or receiver exposes no gateway family', () => {
  assert.equal(exposition(gatewayMetrics(identity, [], undefined)), '');
});

test('snake_case keeps words apart', () => {
  assert.equal(snakeCase('batchesDistributed'), 'batches_distributed');
  assert.equal(snakeCase('eventsExceedingAlertThreshold'), 'events_exceeding_alert_threshold');
  assert.equal(snakeCase('possibleduplicateEventsReceived'), 'possibleduplicate_events_received');
});

test('process memory families parse and carry the values they are given', () => {
  const usage = { rss: 123, heapTotal: 9, heapUsed: 45, external: 6, arrayBuffers: 1 };
  const parsed = parseExposition(exposition(processMetrics(usage)));
  const value = (name: string): number | undefined =>
    parsed.samples.find((sample) => sample.name === name)?.value;
  assert.equal(value('process_resident_memory_bytes'), 123);
  assert.equal(value('nodejs_heap_size_used_bytes'), 45);
  assert.equal(value('nodejs_external_memory_bytes'), 6);
  assert.equal(parsed.types.get('process_resident_memory_bytes'), 'gauge');
});

test('transport byte counts (issue 15) are families of their own, labelled with the codec', () => {
  const zipped: SenderStatus = {
    ...sender('to-site2', 2),
    transport: { compression: 'gzip', batchBytesBeforeCompression: 4000, batchBytesOnWire: 900 },
  };
  const text = exposition(
    gatewayMetrics(identity, [zipped, sender('plain', 3)], {
      ...receiver,
      transport: {
        compression: 'gzip',
        batchBytesOnWire: 900,
        batchBytesDecompressed: 3900,
        transportMismatches: 2,
      },
    }),
  );
  const { samples } = parseExposition(text);
  const one = (name: string) => samples.filter((s) => s.name === name);
  const before = one('wanlab_gateway_sender_batch_bytes_before_compression_total');
  assert.deepEqual(
    before.map((s) => [s.labels.sender, s.labels.compression, s.value]),
    [['to-site2', 'gzip', 4000]],
    'only the sender that reports transport statistics',
  );
  assert.equal(one('wanlab_gateway_sender_batch_bytes_on_wire_total')[0]?.value, 900);
  assert.equal(one('wanlab_gateway_receiver_batch_bytes_decompressed_total')[0]?.value, 3900);
  assert.equal(one('wanlab_gateway_receiver_transport_mismatches_connections_total')[0]?.value, 2);
});
