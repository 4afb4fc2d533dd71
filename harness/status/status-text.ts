import { relative } from 'node:path';
import { table } from '../cli/output.js';
import type { GatewayStatus, MemberGateways, SenderSummary } from './gateway-status.js';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

function senderRow(m: MemberGateways, s: SenderSummary): string[] {
  const failure = s.lastFailure
    ? `${s.lastFailure.code} ${s.lastFailure.region}/${s.lastFailure.key}`
    : '-';
  return [
    m.site,
    m.member,
    s.id,
    String(s.remoteSiteId),
    s.parallel ? 'parallel' : 'serial',
    s.state,
    yesNo(s.primary),
    yesNo(s.connected),
    String(s.queue.inMemory),
    String(s.queue.onDisk),
    `${s.batches.acknowledged}/${s.batches.dispatched}`,
    failure,
  ];
}

function senderTable(status: GatewayStatus): string {
  const rows = status.members.flatMap((m) => m.senders.map((s) => senderRow(m, s)));
  if (rows.length === 0) return 'no gateway senders';
  return table(
    [
      'SITE',
      'MEMBER',
      'SENDER',
      'REMOTE',
      'TYPE',
      'STATE',
      'PRIMARY',
      'CONNECTED',
      'QUEUE MEM',
      'QUEUE DISK',
      'BATCHES ACK/SENT',
      'LAST FAILURE',
    ],
    rows,
  );
}

function receiverTable(status: GatewayStatus): string {
  const rows = status.members.flatMap((m) =>
    m.receiver
      ? [
          [
            m.site,
            m.member,
            m.receiver.running ? 'running' : 'stopped',
            m.receiver.port === null ? '-' : String(m.receiver.port),
            String(m.receiver.connectedSenders.length),
            String(m.receiver.batchesReceived),
            String(m.receiver.eventsApplied),
            String(m.receiver.exceptions),
          ],
        ]
      : [],
  );
  if (rows.length === 0) return 'no gateway receivers';
  return table(
    ['SITE', 'MEMBER', 'STATE', 'PORT', 'SENDERS', 'BATCHES', 'EVENTS APPLIED', 'EXCEPTIONS'],
    rows,
  );
}

/** Flags worth a look: unreachable members, regions a remote site refused, topology warnings. */
function notes(status: GatewayStatus): string[] {
  const unreachable = status.members
    .filter((m) => !m.reachable)
    .map((m) => `member ${m.member} of site ${m.site} does not answer: ${m.error ?? ''}`.trim());
  const missing = status.members.flatMap((m) =>
    m.senders
      .filter((s) => s.remoteRegionsMissing.length > 0)
      .map(
        (s) =>
          `sender ${s.id} on ${m.member}: site ${s.remoteSiteId} does not define region ${s.remoteRegionsMissing.join(', ')} (its events fail there and are dropped)`,
      ),
  );
  return [...unreachable, ...missing, ...status.warnings].map((n) => `wanlab: WARNING ${n}`);
}

/** `wanlab status` for a terminal: senders, receivers, then anything worth a look. */
export function statusText(status: GatewayStatus): string {
  return [
    `wanlab status: topology ${status.topology} (engine ${status.engine.name} ${status.engine.version}), wanlab up pid ${status.pid}, run folder ${relative(process.cwd(), status.runDir)}`,
    '',
    'GATEWAY SENDERS',
    senderTable(status),
    '',
    'GATEWAY RECEIVERS',
    receiverTable(status),
    ...notes(status).map((n, i) => (i === 0 ? `\n${n}` : n)),
  ].join('\n');
}
