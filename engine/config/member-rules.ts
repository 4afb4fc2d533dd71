import { isNormalType, type MemberConfig, type RegionConfig } from './member-config.js';
import type { ReceiverConfig } from './receiver-schema.js';
import type { SenderConfig } from './sender-schema.js';

/**
 * Rules a schema cannot express. Each issue names the offending field relative to the object
 * checked, so the harness can point at the same field in a topology file.
 */
export interface ConfigIssue {
  path: string;
  message: string;
  hint: string;
}

type SenderRuleInput = Pick<
  SenderConfig,
  'parallel' | 'dispatcherThreads' | 'orderPolicy' | 'groupTransactionEvents' | 'batchConflation'
>;

export function senderIssues(sender: SenderRuleInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (sender.parallel && sender.orderPolicy === 'thread') {
    issues.push({
      path: 'orderPolicy',
      message: 'order policy "thread" is not allowed on a parallel sender',
      hint: 'use "key" or "partition" with a parallel sender (SEND-7)',
    });
  }
  if (sender.groupTransactionEvents && sender.batchConflation) {
    issues.push({
      path: 'groupTransactionEvents',
      message: 'groupTransactionEvents cannot be combined with batchConflation',
      hint: 'turn one of them off (TX-2)',
    });
  }
  if (sender.groupTransactionEvents && !sender.parallel && sender.dispatcherThreads !== 1) {
    issues.push({
      path: 'groupTransactionEvents',
      message: `groupTransactionEvents on a serial sender needs dispatcherThreads 1, not ${sender.dispatcherThreads}`,
      hint: 'set dispatcherThreads: 1 or make the sender parallel (TX-2)',
    });
  }
  return issues;
}

export function receiverIssues(
  receiver: Pick<ReceiverConfig, 'startPort' | 'endPort'>,
): ConfigIssue[] {
  if (receiver.startPort <= receiver.endPort) return [];
  return [
    {
      path: 'startPort',
      message: `receiver port range starts at ${receiver.startPort}, after its end ${receiver.endPort}`,
      hint: 'make startPort less than or equal to endPort',
    },
  ];
}

export function regionIssues(
  region: Pick<RegionConfig, 'type' | 'senderIds' | 'parallelSenders'>,
  senders: ReadonlyMap<string, Pick<SenderConfig, 'parallel'>>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (region.parallelSenders === 'refuse' && !isNormalType(region.type)) {
    issues.push({
      path: 'parallelSenders',
      message: `parallelSenders applies to normal and preloaded regions, not to a ${region.type} one`,
      hint: 'remove parallelSenders, or make the region normal or preloaded',
    });
  }
  region.senderIds.forEach((id, index) => {
    const sender = senders.get(id);
    if (!sender) {
      issues.push({
        path: `senderIds[${index}]`,
        message: `region uses sender "${id}", which is not defined`,
        hint: `define a sender with id "${id}" or remove it from the region`,
      });
    } else if (sender.parallel) {
      const refused = parallelRefusal(region, id);
      if (refused) issues.push({ path: `senderIds[${index}]`, ...refused });
    }
  });
  return issues;
}

/** SEND-6 for replicated regions; SEND-13's setting for normal and preloaded ones. */
function parallelRefusal(
  region: Pick<RegionConfig, 'type' | 'parallelSenders'>,
  id: string,
): Omit<ConfigIssue, 'path'> | undefined {
  if (region.type === 'replicated') {
    return {
      message: `parallel sender "${id}" cannot be used with a replicated region`,
      hint: 'make the region partitioned or the sender serial (SEND-6)',
    };
  }
  if (isNormalType(region.type) && region.parallelSenders === 'refuse') {
    return {
      message: `parallel sender "${id}" cannot be used with a ${region.type} region that refuses parallel senders`,
      hint: 'make the sender serial, or set parallelSenders: accept (SEND-13; docs/divergences.md)',
    };
  }
  return undefined;
}

export function memberIssues(config: MemberConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const senders = new Map(config.senders.map((s) => [s.id, s]));
  issues.push(
    ...duplicates(
      config.senders.map((s) => s.id),
      'senders',
      'sender id',
    ),
  );
  issues.push(
    ...duplicates(
      config.regions.map((r) => r.name),
      'regions',
      'region name',
    ),
  );
  config.senders.forEach((sender, i) => {
    issues.push(...senderIssues(sender).map((issue) => prefix(`senders[${i}]`, issue)));
    if (sender.remoteDistributedSystemId === config.site.distributedSystemId) {
      issues.push({
        path: `senders[${i}].remoteDistributedSystemId`,
        message: 'a sender cannot target its own site',
        hint: 'set remoteDistributedSystemId to another site id',
      });
    }
  });
  config.regions.forEach((region, i) => {
    issues.push(...regionIssues(region, senders).map((issue) => prefix(`regions[${i}]`, issue)));
  });
  if (config.receiver)
    issues.push(...receiverIssues(config.receiver).map((issue) => prefix('receiver', issue)));
  return issues;
}

export function prefix(path: string, issue: ConfigIssue): ConfigIssue {
  return { ...issue, path: `${path}.${issue.path}` };
}

function duplicates(values: string[], path: string, what: string): ConfigIssue[] {
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) {
      issues.push({
        path: `${path}[${index}]`,
        message: `duplicate ${what} "${value}"`,
        hint: `rename one of them`,
      });
    }
    seen.add(value);
  });
  return issues;
}
