import type { MemberConfig } from '../config/member-config.js';
import { EngineError } from '../errors.js';
import type { SiteSender } from '../gateway/site/site-sender.js';

type RegionConfig = MemberConfig['regions'][number];
type SenderConfig = MemberConfig['senders'][number];

/**
 * Issue 15 (GEODE-5, GEODE-6): what a member hosts once regions and senders are destroyed,
 * closed or created again at runtime. The member configuration stays the definition of each;
 * what is hosted is a subset of it.
 */

/** The configuration narrowed to what the member hosts now (its profile for the site). */
export function hostedConfig(
  config: MemberConfig,
  regions: ReadonlyMap<string, unknown>,
  senders: readonly SiteSender[],
): MemberConfig {
  const senderIds = new Set(senders.map((s) => s.id));
  return {
    ...config,
    regions: config.regions.filter((r) => regions.has(r.name)),
    senders: config.senders.filter((s) => senderIds.has(s.id)),
  };
}

/** The regions hosted here that list the sender (a sender in use cannot be destroyed). */
export function regionUsers(
  config: MemberConfig,
  senderId: string,
  regions: ReadonlyMap<string, unknown>,
): string[] {
  return config.regions
    .filter((r) => regions.has(r.name) && r.senderIds.includes(senderId))
    .map((r) => r.name);
}

/** The definition of a region to create again; refused when unknown or already hosted. */
export function definedRegion(
  config: MemberConfig,
  name: string,
  regions: ReadonlyMap<string, unknown>,
): RegionConfig {
  const region = config.regions.find((r) => r.name === name);
  if (!region) {
    throw new EngineError(
      'WAN_ERR_REGION_UNKNOWN',
      `region "${name}" is not defined in the configuration of this member`,
      `defined regions: ${config.regions.map((r) => r.name).join(', ') || 'none'}`,
    );
  }
  if (regions.has(name)) {
    throw new EngineError(
      'WAN_ERR_REGION_EXISTS',
      `region "${name}" already exists on this member`,
      'destroy or close it first (DELETE /v1/regions/:region or POST /v1/regions/:region/close)',
    );
  }
  return region;
}

/** The definition of a sender to create again; refused when unknown or already hosted. */
export function definedSender(
  config: MemberConfig,
  id: string,
  senders: readonly SiteSender[],
): SenderConfig {
  const sender = config.senders.find((s) => s.id === id);
  if (!sender) {
    throw new EngineError(
      'WAN_ERR_SENDER_UNKNOWN',
      `gateway sender "${id}" is not defined in the configuration of this member`,
      `defined senders: ${config.senders.map((s) => s.id).join(', ') || 'none'}`,
    );
  }
  if (senders.some((s) => s.id === id)) {
    throw new EngineError(
      'WAN_ERR_SENDER_EXISTS',
      `gateway sender "${id}" already exists on this member`,
      'destroy it first (DELETE /v1/senders/:id)',
    );
  }
  return sender;
}
