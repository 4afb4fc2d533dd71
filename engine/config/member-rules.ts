import {
  prefix,
  receiverIssues,
  regionIssues,
  senderIssues,
  type ConfigIssue,
} from '../../contract/config-rules.js';
import { colocationIssues } from '../../contract/colocation-rules.js';
import type { MemberConfig } from './member-config.js';

export {
  prefix,
  receiverIssues,
  regionIssues,
  senderIssues,
  type ConfigIssue,
} from '../../contract/config-rules.js';

/** The rules of a whole member configuration, on top of the contract's shared ones. */
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
  const parallel = new Set(config.senders.filter((s) => s.parallel).map((s) => s.id));
  issues.push(
    ...colocationIssues(config.regions, parallel).map((issue) => ({
      ...issue,
      path: `regions${issue.path}`,
    })),
  );
  if (config.receiver)
    issues.push(...receiverIssues(config.receiver).map((issue) => prefix('receiver', issue)));
  return issues;
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
