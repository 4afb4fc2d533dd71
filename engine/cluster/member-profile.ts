import type { RegionDefinition, SenderDefinition } from '../../contract/site-compat.js';

/**
 * What a member hosts and the state of its senders, as its peers see it (Geode's profiles).
 * Members exchange profiles when they connect and push them on every change.
 */
export interface SenderProfile extends SenderDefinition {
  running: boolean;
  /** Real wall-clock ms at which the sender last started; the oldest running one is primary. */
  runningSinceMs: number;
}

export interface RegionProfile extends RegionDefinition {
  senderIds: string[];
}

export interface MemberProfile {
  regions: RegionProfile[];
  senders: SenderProfile[];
  /**
   * Grows with every push of the member's profile (engine/cluster/site-cluster.ts). A profile
   * travels on two connections (pushed on the member's own, and in the welcome it answers on
   * the peer's), so an older one can arrive after a newer one; the revision tells them apart.
   */
  revision?: number;
}

export function emptyProfile(): MemberProfile {
  return { regions: [], senders: [] };
}

export function isProfile(value: unknown): value is MemberProfile {
  const candidate = value as Partial<MemberProfile> | undefined;
  return (
    Array.isArray(candidate?.regions) &&
    Array.isArray(candidate?.senders) &&
    (candidate?.revision === undefined || Number.isSafeInteger(candidate.revision))
  );
}
