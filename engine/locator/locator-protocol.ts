import { Type, type Static } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import { AdvertiseSchema } from '../config/common-schema.js';
import { ParallelSendersSchema, RegionTypeSchema } from '../config/member-config.js';
import { EngineError } from '../errors.js';

/** Locator RPC messages: members register with their site's locators; locators exchange views. */
const RecordSchema = Type.Object({
  kind: Type.Union([Type.Literal('locator'), Type.Literal('receiver')]),
  dsid: Type.Integer({ minimum: 0, maximum: 255 }),
  name: Type.String({ minLength: 1 }),
  address: Type.String({ minLength: 1 }),
  advertise: Type.Optional(AdvertiseSchema),
  status: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  incarnation: Type.Number(),
  generation: Type.Integer({ minimum: 0 }),
});

const SenderDefinitionSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  remoteDistributedSystemId: Type.Integer(),
  parallel: Type.Boolean(),
  persistent: Type.Boolean(),
  batchConflation: Type.Boolean(),
  diskSynchronous: Type.Boolean(),
  alertThresholdMs: Type.Integer(),
  orderPolicy: Type.Union([Type.Literal('key'), Type.Literal('thread'), Type.Literal('partition')]),
  manualStart: Type.Boolean(),
});

const RegionDefinitionSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  type: RegionTypeSchema,
  totalBuckets: Type.Integer({ minimum: 1 }),
  redundantCopies: Type.Integer({ minimum: 0 }),
  parallelSenders: ParallelSendersSchema,
});

const RegistrationSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  uid: Type.String({ minLength: 1 }),
  incarnation: Type.Number(),
  /** Bumped each time the member rejoins after the site expelled it. */
  session: Type.Integer({ minimum: 0 }),
  /** Real wall-clock ms at which this session joined: the site's join order. */
  joinedAtMs: Type.Number(),
  dsid: Type.Integer({ minimum: 0, maximum: 255 }),
  controlUrl: Type.String(),
  /** Where peers of the site reach this member (engine/cluster). */
  peer: Type.Optional(Type.String({ minLength: 1 })),
  definitions: Type.Optional(
    Type.Object({
      senders: Type.Array(SenderDefinitionSchema),
      regions: Type.Array(RegionDefinitionSchema),
    }),
  ),
  receiver: Type.Optional(
    Type.Object({
      address: Type.String({ minLength: 1 }),
      advertise: Type.Optional(AdvertiseSchema),
      running: Type.Boolean(),
    }),
  ),
});
export type MemberRegistration = Static<typeof RegistrationSchema>;

const RequestSchema = Type.Union([
  Type.Object({ t: Type.Literal('register'), member: RegistrationSchema }),
  Type.Object({
    t: Type.Literal('deregister'),
    dsid: Type.Integer(),
    name: Type.String(),
    uid: Type.String(),
  }),
  Type.Object({
    t: Type.Literal('suspect'),
    dsid: Type.Integer(),
    name: Type.String(),
    uid: Type.String(),
    session: Type.Integer(),
    reporter: Type.String(),
  }),
  Type.Object({ t: Type.Literal('receivers'), dsid: Type.Integer(), forDsid: Type.Integer() }),
  Type.Object({
    t: Type.Literal('exchange'),
    from: RecordSchema,
    records: Type.Array(RecordSchema),
  }),
  Type.Object({ t: Type.Literal('view') }),
]);
export type LocatorRequest = Static<typeof RequestSchema>;

export interface SiteMember {
  name: string;
  uid: string;
  incarnation: number;
  session: number;
  joinedAtMs: number;
  controlUrl: string;
  peer?: string;
  /** Position in the site's join order: 0 is the oldest running member. */
  joinOrder: number;
}

/**
 * The members of a site, oldest first. The order comes from each session's own join stamp,
 * so every locator of the site orders the same members the same way.
 */
export interface MembershipView {
  dsid: number;
  /** Counts changes seen by the answering locator; only meaningful per locator. */
  viewId: number;
  members: SiteMember[];
}

/** A locator's answer to `register` (which is also the member's heartbeat). */
export type RegisterReply =
  | { outcome: 'member'; view: MembershipView; memberTimeoutMs: number }
  /** The site removed this session (timeout or failed check): rejoin as a new session. */
  | { outcome: 'expelled'; reason: string }
  /** The site will not take this member: its definitions clash with running members'. */
  | { outcome: 'refused'; code: string; message: string; hint: string };

/** The fields of a locator request its proof covers (issue 17). */
export function locatorRequestContext(request: { t: string }): string[] {
  return ['locator-request', request.t];
}

// Compiled on first use, not at import (issue 19: start-up); TypeBox's schemas need no
// check against the meta-schema.
let validator: ValidateFunction | undefined;

export function parseLocatorRequest(raw: unknown): LocatorRequest {
  const validate = (validator ??= new Ajv({ strict: false, validateSchema: false }).compile(
    RequestSchema,
  ));
  if (validate(raw)) return raw as LocatorRequest;
  throw new EngineError(
    'WAN_ERR_PROTOCOL',
    `malformed locator request: ${validate.errors?.[0]?.message ?? 'unknown shape'}`,
    'only wanlab members and locators of the same protocol version may talk to a locator',
  );
}
