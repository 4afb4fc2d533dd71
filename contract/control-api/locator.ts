import { Type, type Static } from '@sinclair/typebox';
import { AdvertiseSchema } from './common.js';

/** What a locator knows of one locator or receiver of some site (DISC-1..7). */
export const DiscoveryRecordSchema = Type.Object({
  kind: Type.Union([Type.Literal('locator'), Type.Literal('receiver')]),
  dsid: Type.Integer(),
  name: Type.String({ description: 'the locator, or the member hosting the receiver' }),
  address: Type.String({ description: 'the real address' }),
  advertise: Type.Optional(AdvertiseSchema),
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  incarnation: Type.Integer(),
  generation: Type.Integer(),
});
export type DiscoveryRecord = Static<typeof DiscoveryRecordSchema>;

export const SiteMemberSchema = Type.Object({
  name: Type.String(),
  uid: Type.String(),
  incarnation: Type.Integer(),
  session: Type.Integer(),
  joinedAtMs: Type.Number(),
  controlUrl: Type.String(),
  peer: Type.Optional(Type.String()),
  joinOrder: Type.Integer({ minimum: 0, description: '0 is the oldest running member' }),
});
export type SiteMember = Static<typeof SiteMemberSchema>;

/** The members of a site, oldest first. */
export const MembershipViewSchema = Type.Object({
  dsid: Type.Integer(),
  viewId: Type.Integer({ description: 'changes seen by the answering locator' }),
  members: Type.Array(SiteMemberSchema),
});
export type MembershipView = Static<typeof MembershipViewSchema>;

/** GET /v1/view on a locator. */
export const LocatorViewSchema = Type.Object({
  name: Type.String(),
  distributedSystemId: Type.Integer(),
  address: Type.String(),
  sites: Type.Array(Type.Integer()),
  locators: Type.Array(DiscoveryRecordSchema),
  receivers: Type.Array(DiscoveryRecordSchema),
  membership: MembershipViewSchema,
  exchangePeers: Type.Array(Type.String()),
  protocolErrors: Type.Optional(
    Type.Integer({
      minimum: 0,
      description: 'connections closed since start for a request that was not the locator protocol',
    }),
  ),
  authenticationsRefused: Type.Optional(
    Type.Integer({
      minimum: 0,
      description:
        'requests and exchange replies refused since start for missing or wrong site credentials (issue 17)',
    }),
  ),
});
export type LocatorView = Static<typeof LocatorViewSchema>;
