import type { ReceiverStatus } from '../../contract/control-api/receiver.js';
import type { SenderStatus } from '../../contract/control-api/senders.js';
import {
  QUEUE_STATISTICS,
  RECEIVER_STATISTICS,
  RECEIVER_TRANSPORT_STATISTICS,
  SENDER_STATISTICS,
  SENDER_TRANSPORT_STATISTICS,
  type StatisticDeclaration,
} from '../../contract/statistics.js';
import { snakeCase, type MetricFamily, type MetricType, type Sample } from './prometheus-text.js';

export const METRIC_PREFIX = 'wanlab_';
const SENDER = `${METRIC_PREFIX}gateway_sender_`;
const RECEIVER = `${METRIC_PREFIX}gateway_receiver_`;

/** Queue statistics that only grow (the others are what the queue holds now). */
const QUEUE_COUNTERS: ReadonlySet<string> = new Set(['eventsConflated', 'eventsOverflowed']);

export interface MemberIdentity {
  member: string;
  distributedSystemId: number;
}

interface Named {
  name: string;
  type: MetricType;
  /** Multiplies the contract's value: ms are exposed in seconds. */
  scale: number;
}

/**
 * Geode's statistic name (`getTotalBatchesDistributed` → `batches_distributed`) or, where
 * Geode has none, the contract's; the unit in the name (`_seconds`, `_bytes`, or the counted
 * thing when the name lacks it), and `_total` on a counter.
 */
export function metricName(
  prefix: string,
  key: string,
  declaration: StatisticDeclaration,
  type: MetricType,
): Named {
  const geode = declaration.geode?.replace(/^get(Total)?/, '');
  let base = snakeCase(geode ? geode[0]!.toLowerCase() + geode.slice(1) : key);
  let scale = 1;
  if (declaration.unit === 'ms') {
    base = `${base.replace(/_ms$/, '')}_seconds`;
    scale = 1 / 1000;
  } else {
    const stem = declaration.unit.replace(/s$/, '');
    if (!base.split('_').some((word) => word.replace(/s$/, '') === stem))
      base = `${base}_${declaration.unit}`;
  }
  return { name: `${prefix}${base}${type === 'counter' ? '_total' : ''}`, type, scale };
}

function family(
  named: Named,
  declaration: StatisticDeclaration,
  samples: Sample[],
  geode = declaration.geode,
): MetricFamily {
  const source = geode ? ` (Geode: ${geode})` : '';
  return {
    name: named.name,
    type: named.type,
    help: `${declaration.meaning}${source}`,
    samples: samples.map((s) => ({ ...s, value: s.value * named.scale })),
  };
}

function senderLabels(identity: MemberIdentity, sender: SenderStatus): Record<string, string> {
  return {
    member: identity.member,
    distributed_system_id: String(identity.distributedSystemId),
    sender: sender.id,
    remote_distributed_system_id: String(sender.remoteDistributedSystemId),
  };
}

const STATE_FLAGS = {
  running: 'whether the sender runs (Geode: isRunning)',
  paused: 'whether the sender is paused (Geode: isPaused)',
  primary: 'whether this member dispatches for the sender (Geode: isPrimary)',
  connected: 'whether the sender is connected to a receiver (Geode: isConnected)',
} as const;

function senderFamilies(identity: MemberIdentity, senders: SenderStatus[]): MetricFamily[] {
  const labelled = (value: (s: SenderStatus) => number): Sample[] =>
    senders.map((s) => ({ labels: senderLabels(identity, s), value: value(s) }));
  const states = Object.entries(STATE_FLAGS).map(([flag, help]) => ({
    name: `${SENDER}${flag}`,
    type: 'gauge' as const,
    help: `${help}: 1 or 0`,
    samples: labelled((s) => (s[flag as keyof typeof STATE_FLAGS] ? 1 : 0)),
  }));
  const stats = Object.entries(SENDER_STATISTICS).map(([key, d]: [string, StatisticDeclaration]) =>
    family(
      metricName(SENDER, key, d, key.startsWith('average') ? 'gauge' : 'counter'),
      d,
      labelled((s) => s.stats[key as keyof SenderStatus['stats']]),
    ),
  );
  const queue = Object.entries(QUEUE_STATISTICS).map(([key, d]: [string, StatisticDeclaration]) =>
    family(
      metricName(
        d.geode ? SENDER : `${SENDER}queue_`,
        key,
        d,
        QUEUE_COUNTERS.has(key) ? 'counter' : 'gauge',
      ),
      d,
      labelled((s) => s.queue[key as keyof SenderStatus['queue']]),
    ),
  );
  return [...states, ...stats, ...queue, ...senderTransportFamilies(identity, senders)];
}

/** Issue 15: each sender's transport byte counts, for the senders that report them. */
function senderTransportFamilies(
  identity: MemberIdentity,
  senders: SenderStatus[],
): MetricFamily[] {
  const reporting = senders.filter((s) => s.transport !== undefined);
  if (reporting.length === 0) return [];
  return Object.entries(SENDER_TRANSPORT_STATISTICS).map(
    ([key, d]: [string, StatisticDeclaration]) =>
      family(
        metricName(SENDER, key, d, 'counter'),
        d,
        reporting.map((s) => ({
          labels: { ...senderLabels(identity, s), compression: s.transport!.compression },
          value: s.transport![key as keyof typeof SENDER_TRANSPORT_STATISTICS],
        })),
      ),
  );
}

function receiverFamilies(identity: MemberIdentity, receiver: ReceiverStatus): MetricFamily[] {
  const labels = {
    member: identity.member,
    distributed_system_id: String(identity.distributedSystemId),
  };
  const one = (value: number): Sample[] => [{ labels, value }];
  return [
    {
      name: `${RECEIVER}running`,
      type: 'gauge',
      help: 'whether the receiver runs (Geode: isRunning): 1 or 0',
      samples: one(receiver.running ? 1 : 0),
    },
    {
      name: `${RECEIVER}connected_senders`,
      type: 'gauge',
      help: 'senders connected now (Geode: getConnectedGatewaySenders)',
      samples: one(receiver.connectedSenders.length),
    },
    ...Object.entries(RECEIVER_STATISTICS).map(([key, d]: [string, StatisticDeclaration]) =>
      family(
        metricName(RECEIVER, key, d, 'counter'),
        d,
        one(receiver.stats[key as keyof ReceiverStatus['stats']]),
      ),
    ),
    ...receiverTransportFamilies(labels, receiver),
  ];
}

/** Issue 15: the receiver's transport counts, when it reports them. */
function receiverTransportFamilies(
  labels: Record<string, string>,
  receiver: ReceiverStatus,
): MetricFamily[] {
  const transport = receiver.transport;
  if (!transport) return [];
  const withCodec = { ...labels, compression: transport.compression };
  return Object.entries(RECEIVER_TRANSPORT_STATISTICS).map(
    ([key, d]: [string, StatisticDeclaration]) =>
      family(metricName(RECEIVER, key, d, 'counter'), d, [
        {
          labels: withCodec,
          value: transport[key as keyof typeof RECEIVER_TRANSPORT_STATISTICS],
        },
      ]),
  );
}

/** Every gateway statistic of a member, as Prometheus metric families. */
export function gatewayMetrics(
  identity: MemberIdentity,
  senders: SenderStatus[],
  receiver: ReceiverStatus | undefined,
): MetricFamily[] {
  return [
    ...senderFamilies(identity, senders),
    ...(receiver ? receiverFamilies(identity, receiver) : []),
  ];
}
