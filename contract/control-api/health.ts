import { Type, type Static } from '@sinclair/typebox';

/** GET /health, on members and locators: who answers, and which engine it is. */
export const HealthBodySchema = Type.Object({
  status: Type.Literal('ok'),
  role: Type.Union([Type.Literal('member'), Type.Literal('locator')]),
  name: Type.String(),
  /** A member's incarnation: it changes when the member restarts. */
  uid: Type.Optional(Type.String({ description: "a member's incarnation; new on every start" })),
  site: Type.String(),
  distributedSystemId: Type.Integer(),
  engine: Type.Object(
    { name: Type.String(), version: Type.String() },
    { description: 'the engine that really runs, as reports name it' },
  ),
  controlApiVersion: Type.Integer({ description: 'CONTROL_API_VERSION of the contract' }),
  pid: Type.Integer(),
  uptimeMs: Type.Number(),
});
export type HealthBody = Static<typeof HealthBodySchema>;

/** Bumped whenever a control API route or payload changes incompatibly. */
export const CONTROL_API_VERSION = 1;
