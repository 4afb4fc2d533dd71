import { Type, type Static } from '@sinclair/typebox';
import type { RouteContract } from './routes.js';
import { Name, RegionParams } from './requests.js';

/** Geode's `wan-copy region --batch-size` default. */
export const WAN_COPY_BATCH_SIZE_DEFAULT = 1000;
export const WAN_COPY_BATCH_SIZE_MAX = 10000;
/** Above any rate a member could send at; 0 means no limit, as Geode's `--max-rate` 0. */
export const WAN_COPY_MAX_RATE_PER_SECOND_MAX = 1_000_000;

/** Body of POST /v1/regions/:region/wan-copy (Geode's gfsh `wan-copy region`). */
export const WanCopyBody = Type.Object(
  {
    senderId: Type.String({
      minLength: 1,
      maxLength: 256,
      description: 'the sender whose remote site gets the entries; the region must send through it',
    }),
    maxRatePerSecond: Type.Integer({
      minimum: 0,
      maximum: WAN_COPY_MAX_RATE_PER_SECOND_MAX,
      default: 0,
      description: 'most entries copied per second, averaged since the start; 0: no limit',
    }),
    batchSize: Type.Integer({
      minimum: 1,
      maximum: WAN_COPY_BATCH_SIZE_MAX,
      default: WAN_COPY_BATCH_SIZE_DEFAULT,
      description: 'entries per batch sent to the remote site',
    }),
  },
  { additionalProperties: false },
);
export type WanCopyRequest = Static<typeof WanCopyBody>;

export const WanCopyParams = Type.Object({ id: Name });

export const WanCopyStateSchema = Type.Union([
  Type.Literal('running'),
  Type.Literal('done'),
  Type.Literal('cancelled'),
  Type.Literal('failed'),
]);
export type WanCopyState = Static<typeof WanCopyStateSchema>;

/** One wan-copy operation's progress, as the member running it reports it. */
export const WanCopyStatusSchema = Type.Object({
  id: Type.String({ description: 'the operation, for GET /v1/wan-copies/:id and cancel' }),
  region: Type.String(),
  senderId: Type.String(),
  remoteDistributedSystemId: Type.Integer({ description: 'the site the entries are copied to' }),
  state: WanCopyStateSchema,
  total: Type.Integer({ minimum: 0, description: 'live entries when the copy started' }),
  copied: Type.Integer({
    minimum: 0,
    description: 'entries the remote site acknowledged (applied, or discarded as older)',
  }),
  batches: Type.Integer({ minimum: 0, description: 'batches acknowledged' }),
  maxRatePerSecond: Type.Integer({ minimum: 0, description: 'entries per second; 0: no limit' }),
  batchSize: Type.Integer({ minimum: 1, description: 'entries per batch' }),
  startedAtMs: Type.Number({ description: "the member's clock when the copy started" }),
  elapsedMs: Type.Number({
    minimum: 0,
    description: 'time the copy ran (until now while running), on a monotonic clock',
  }),
  endedAtMs: Type.Optional(Type.Number({ description: "the member's clock when it ended" })),
  error: Type.Optional(
    Type.Object(
      { code: Type.String(), message: Type.String() },
      { description: 'why a failed copy stopped' },
    ),
  ),
});
export type WanCopyStatus = Static<typeof WanCopyStatusSchema>;

export const WanCopyListSchema = Type.Object({ copies: Type.Array(WanCopyStatusSchema) });
export type WanCopyList = Static<typeof WanCopyListSchema>;

const MEMBER = ['member'] as const;

/** The wan-copy routes (issue 15, GEODE-7), appended to CONTROL_ROUTES. */
export const WAN_COPY_ROUTES: readonly RouteContract[] = [
  {
    method: 'POST',
    path: '/v1/regions/:region/wan-copy',
    roles: MEMBER,
    summary:
      "copies the region's live entries to the sender's remote site with their versions (Geode's wan-copy region); answers once connected",
    capability: 'wan-copy',
    params: RegionParams,
    body: WanCopyBody,
    status: 202,
    response: WanCopyStatusSchema,
    errors: [
      'WAN_ERR_REGION_UNKNOWN',
      'WAN_ERR_SENDER_UNKNOWN',
      'WAN_ERR_SENDER_NOT_ATTACHED',
      'WAN_ERR_SENDER_NOT_RUNNING',
      'WAN_ERR_REMOTE_SITE_UNREACHABLE',
    ],
  },
  {
    method: 'GET',
    path: '/v1/wan-copies',
    roles: MEMBER,
    summary: 'the wan-copy operations this member ran or runs, oldest first',
    capability: 'wan-copy',
    response: WanCopyListSchema,
  },
  {
    method: 'GET',
    path: '/v1/wan-copies/:id',
    roles: MEMBER,
    summary: "one wan-copy operation's progress",
    capability: 'wan-copy',
    params: WanCopyParams,
    response: WanCopyStatusSchema,
    errors: ['WAN_ERR_WAN_COPY_UNKNOWN'],
  },
  {
    method: 'POST',
    path: '/v1/wan-copies/:id/cancel',
    roles: MEMBER,
    summary: 'cancels a running wan-copy after its batch in flight (Geode --cancel)',
    capability: 'wan-copy',
    params: WanCopyParams,
    response: WanCopyStatusSchema,
    errors: ['WAN_ERR_WAN_COPY_UNKNOWN'],
  },
];
