import type { SenderConfig } from '../../config/sender-schema.js';
import type { GatewaySender } from './gateway-sender.js';
import { SerialGatewaySender, type SenderDeps } from './serial-sender.js';

/**
 * The one place a member turns a sender configuration into a sender. A parallel sender is
 * still dispatched as a serial one with its lanes (one queue per lane, not per bucket); the
 * parallel sender replaces this branch.
 */
export function createGatewaySender(config: SenderConfig, deps: SenderDeps): GatewaySender {
  return new SerialGatewaySender(config, deps);
}
