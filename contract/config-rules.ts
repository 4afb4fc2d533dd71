import { isNormalType, type RegionType } from './region-definition.js';
import type { SenderAttributes } from './sender-attributes.js';

/**
 * Rules a schema cannot express, the same for every engine: the harness checks a topology
 * with them at load, and an engine checks its own configuration with them. Each issue names
 * the offending field relative to the object checked, so a topology error can point at the
 * same field in its file.
 */
export interface ConfigIssue {
  path: string;
  message: string;
  hint: string;
}

type SenderRuleInput = Pick<
  SenderAttributes,
  | 'parallel'
  | 'dispatcherThreads'
  | 'orderPolicy'
  | 'groupTransactionEvents'
  | 'batchConflation'
  | 'persistent'
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

export function receiverIssues(receiver: { startPort: number; endPort: number }): ConfigIssue[] {
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
  region: {
    type: RegionType;
    senderIds: readonly string[];
    parallelSenders?: 'accept' | 'refuse' | undefined;
  },
  senders: ReadonlyMap<string, Pick<SenderAttributes, 'parallel'>>,
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
  region: { type: RegionType; parallelSenders?: 'accept' | 'refuse' | undefined },
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

export function prefix(path: string, issue: ConfigIssue): ConfigIssue {
  return { ...issue, path: `${path}.${issue.path}` };
}
