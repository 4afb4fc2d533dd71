import { regionDefinition, senderDefinition } from '../../contract/site-compat.js';
import type { MemberProfile } from '../cluster/member-profile.js';
import type { MemberConfig } from '../config/member-config.js';
import type { GatewayReceiver } from '../gateway/receiver/gateway-receiver.js';
import type { SiteSender } from '../gateway/site/site-sender.js';
import type { MemberRegistration } from '../locator/locator-protocol.js';

/** What a member tells the other members of its site: what it hosts, its senders' state. */
export function memberProfile(config: MemberConfig, senders: readonly SiteSender[]): MemberProfile {
  return {
    regions: config.regions.map((r) => ({ ...regionDefinition(r), senderIds: r.senderIds })),
    senders: config.senders.map((definition) => {
      const sender = senders.find((s) => s.id === definition.id);
      return {
        ...senderDefinition(definition),
        running: sender?.isRunning() ?? false,
        runningSinceMs: sender?.runningSinceMs ?? 0,
      };
    }),
  };
}

export type RegistrationDetails = Omit<
  MemberRegistration,
  'name' | 'uid' | 'incarnation' | 'session' | 'joinedAtMs' | 'dsid'
>;

/**
 * What a member tells its site's locators with every heartbeat: where its control API and
 * peer port are, its definitions (checked against the running members', DISC and site
 * compatibility), and its receiver for discovery.
 */
export function registrationDetails(
  config: MemberConfig,
  parts: { controlUrl: string; peer: string | undefined; receiver: GatewayReceiver | undefined },
): RegistrationDetails {
  const { receiver, peer } = parts;
  return {
    controlUrl: parts.controlUrl,
    ...(peer ? { peer } : {}),
    definitions: {
      senders: config.senders.map(senderDefinition),
      regions: config.regions.map(regionDefinition),
    },
    ...(receiver
      ? {
          receiver: {
            address: `${receiver.status().bindAddress}:${receiver.port ?? 0}`,
            ...(receiver.advertise ? { advertise: receiver.advertise } : {}),
            running: receiver.running,
          },
        }
      : {}),
  };
}
