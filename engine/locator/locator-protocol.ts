import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { AdvertiseSchema } from '../config/common-schema.js';
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

const RegistrationSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  uid: Type.String({ minLength: 1 }),
  incarnation: Type.Number(),
  dsid: Type.Integer({ minimum: 0, maximum: 255 }),
  controlUrl: Type.String(),
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
  controlUrl: string;
  /** Position in the site's join order: the lowest running one is the oldest member. */
  joinOrder: number;
}

export interface MembershipView {
  dsid: number;
  viewId: number;
  members: SiteMember[];
}

const validate = new Ajv({ strict: false }).compile(RequestSchema);

export function parseLocatorRequest(raw: unknown): LocatorRequest {
  if (validate(raw)) return raw as LocatorRequest;
  throw new EngineError(
    'WAN_ERR_PROTOCOL',
    `malformed locator request: ${validate.errors?.[0]?.message ?? 'unknown shape'}`,
    'only wanlab members and locators of the same protocol version may talk to a locator',
  );
}
