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
  region: { type: 'replicated' | 'partitioned'; senderIds: readonly string[] },
  senders: ReadonlyMap<string, Pick<SenderAttributes, 'parallel'>>,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  region.senderIds.forEach((id, index) => {
    const sender = senders.get(id);
    if (!sender) {
      issues.push({
        path: `senderIds[${index}]`,
        message: `region uses sender "${id}", which is not defined`,
        hint: `define a sender with id "${id}" or remove it from the region`,
      });
    } else if (sender.parallel && region.type === 'replicated') {
      issues.push({
        path: `senderIds[${index}]`,
        message: `parallel sender "${id}" cannot be used with a replicated region`,
        hint: 'make the region partitioned or the sender serial (SEND-6)',
      });
    }
  });
  return issues;
}

export function prefix(path: string, issue: ConfigIssue): ConfigIssue {
  return { ...issue, path: `${path}.${issue.path}` };
}
