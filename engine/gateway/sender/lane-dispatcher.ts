import type { Clock } from '../../clock.js';
import type { SenderConfig } from '../../config/sender-schema.js';
import type { Logger } from '../../log.js';
import type { Credentials } from '../../security/credentials.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { EventQueue } from '../queue/event-queue.js';
import type { EventFilterChain } from '../filter/event-filter-chain.js';
import { Dispatcher } from './dispatcher.js';
import type { FailureLog } from './failure-log.js';
import type { PauseGate } from './pause-gate.js';
import type { ReceiverDirectory } from './gateway-sender.js';
import { ReceiverLink } from './receiver-link.js';
import type { SenderCounters } from './sender-stats.js';
import type { SenderTransport } from '../transport/sender-transport.js';

/** What every dispatcher of one sender shares, serial or parallel. */
export interface SenderLaneContext {
  senderId: string;
  remoteDsid: number;
  config: SenderConfig;
  gate: PauseGate;
  failures: FailureLog;
  clock: Clock;
  logger: Logger;
  localDsid: number;
  memberUid: string;
  directory: ReceiverDirectory;
  random: () => number;
  credentials: Credentials;
  /** The sender's gateway event filters (beforeTransmit, afterAcknowledgement). */
  filters: EventFilterChain;
  /** The sender's transport filters on this member (issue 15): codec and byte counts. */
  transport: SenderTransport;
}

/** What a sender's lanes take from the member that runs it. */
export type LaneEnvironment = Pick<
  SenderLaneContext,
  'clock' | 'logger' | 'localDsid' | 'memberUid' | 'directory' | 'random' | 'credentials'
>;

/** A lane context from the sender's own parts and its member's (serial and parallel alike). */
export function senderLaneContext(
  own: Omit<SenderLaneContext, keyof LaneEnvironment>,
  member: LaneEnvironment,
): SenderLaneContext {
  const { clock, logger, localDsid, memberUid, directory, random, credentials } = member;
  return { ...own, clock, logger, localDsid, memberUid, directory, random, credentials };
}

/** What one lane brings: its queue, where its counts go, and who hears of removals. */
export interface LaneParts {
  queue: EventQueue;
  stats: SenderCounters;
  onRemoved: (events: RegionEvent[]) => void;
  /** Which of the sorted receivers to try first (RECV-3); default a random one. */
  firstChoice?: (addresses: readonly string[]) => number;
}

/** A dispatcher with its own connection to the remote site (SEND-8: one per lane). */
export function laneDispatcher(
  context: SenderLaneContext,
  index: number,
  lane: LaneParts,
): Dispatcher {
  const { config } = context;
  const logger = context.logger.child({ sender: context.senderId, dispatcher: index });
  const link = new ReceiverLink({
    senderId: context.senderId,
    localDsid: context.localDsid,
    remoteDsid: context.remoteDsid,
    memberUid: context.memberUid,
    dispatcher: index,
    directory: context.directory,
    connectTimeoutMs: config.connectTimeoutMs,
    socketReadTimeoutMs: config.socketReadTimeoutMs,
    logger,
    random: context.random,
    credentials: context.credentials,
    transport: context.transport,
    nowMs: () => context.clock.now(),
    ...(lane.firstChoice ? { firstChoice: lane.firstChoice } : {}),
  });
  return new Dispatcher(index, {
    queue: lane.queue,
    link,
    gate: context.gate,
    settings: config,
    stats: lane.stats,
    failures: context.failures,
    clock: context.clock,
    logger,
    onRemoved: lane.onRemoved,
    filters: context.filters,
  });
}
