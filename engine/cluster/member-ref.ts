import type { SiteMember } from '../locator/locator-protocol.js';

/** One session of one member process: what peers address and what the site orders. */
export interface MemberRef {
  name: string;
  uid: string;
  session: number;
}

/** A member session's key: the same process rejoining after an expulsion gets a new key. */
export type MemberKey = string;

export function memberKey(ref: Pick<MemberRef, 'uid' | 'session'>): MemberKey {
  return `${ref.uid}#${ref.session}`;
}

export function refOf(member: SiteMember): MemberRef {
  return { name: member.name, uid: member.uid, session: member.session };
}
