import type { SenderConfig } from '../config/sender-schema.js';
import { HaSerialSender, type SiteSenderContext } from '../gateway/site/ha-serial-sender.js';
import type { SiteSender } from '../gateway/site/site-sender.js';
import { ParallelGatewaySender, type ParallelSenderDeps } from '../gateway/site/parallel-sender.js';
import { SerialGatewaySender, type SenderDeps } from '../gateway/sender/serial-sender.js';

export type SiteSenderDeps = SenderDeps &
  Omit<SiteSenderContext, 'logger' | 'clock'> &
  Pick<ParallelSenderDeps, 'holders' | 'primary'>;

/** The one place a member turns a sender configuration into the sender its site runs. */
export function createSiteSender(config: SenderConfig, deps: SiteSenderDeps): SiteSender {
  if (config.parallel) return new ParallelGatewaySender(config, deps);
  const { cluster, publish, holders: _holders, primary: _primary, ...senderDeps } = deps;
  return new HaSerialSender(new SerialGatewaySender(config, senderDeps), {
    cluster,
    publish,
    clock: deps.clock,
    logger: deps.logger,
  });
}
