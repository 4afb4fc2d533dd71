import type { SenderConfig } from '../../config/sender-schema.js';
import { senderIssues } from '../../config/member-rules.js';
import { EngineError } from '../../errors.js';
import type { SenderAlteration } from './gateway-sender.js';

/**
 * `alter` for serial and parallel senders alike: the attributes after the change must pass the
 * same rules as at start (else nothing changes), then change in place, where the dispatchers
 * read them before each batch.
 */
export function applyAlteration(
  id: string,
  attributes: SenderConfig,
  changes: SenderAlteration,
): void {
  const issues = senderIssues({ ...attributes, ...changes });
  if (issues.length > 0) {
    throw new EngineError(
      'WAN_ERR_CONFIG_INVALID',
      `cannot alter sender ${id}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues.map((i) => i.hint).join('; '),
    );
  }
  Object.assign(attributes, changes);
}
