import { Type, type TSchema } from '@sinclair/typebox';
import type { Capability } from '../capabilities.js';
import type { EngineErrorCode } from '../errors.js';
import { SenderAlterationSchema } from '../sender-attributes.js';
import { ClockAnswerSchema } from './clock.js';
import { ConflictStatusSchema } from './conflicts.js';
import { HealthBodySchema } from './health.js';
import { LocatorViewSchema } from './locator.js';
import { EventsPageSchema, ReceiptsPageSchema } from './logs.js';
import { ReceiverConfigSchema } from './receiver-config.js';
import { ReceiverRemovedSchema, ReceiverStatusSchema } from './receiver.js';
import {
  ClearResultSchema,
  EntriesBodySchema,
  EntryBodySchema,
  PutAllResultSchema,
  RegionInfoSchema,
  RegionListSchema,
  SizeBodySchema,
  TransactionResultSchema,
  WriteResultSchema,
} from './regions.js';
import {
  ClockBody,
  EntryParams,
  EventsQuery,
  PutAllBody,
  PutBody,
  RegionParams,
  SenderParams,
  ThreadQuery,
  TransactionBody,
} from './requests.js';
import { DroppedEventsSchema, SenderListSchema, SenderStatusSchema } from './senders.js';
import { WAN_COPY_ROUTES } from './wan-copy.js';
import { RegionRemovedSchema, SenderDestroyedSchema } from './runtime-changes.js';
import { BucketsStatusSchema, ClusterViewSchema } from './site.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
export type ControlRole = 'member' | 'locator';

/** One route of the control API (version 1), as every engine must answer it. */
export interface RouteContract {
  method: HttpMethod;
  /** Fastify style: `/v1/regions/:region`. */
  path: string;
  roles: readonly ControlRole[];
  summary: string;
  /** An engine without this capability need not have the route. */
  capability?: Capability;
  params?: TSchema;
  querystring?: TSchema;
  body?: TSchema;
  /** The success status (200 unless said) and the schema of its body. */
  status?: number;
  response: TSchema;
  /** The body's media type when it is not JSON. */
  contentType?: string;
  /** Error codes the route answers besides WAN_ERR_BAD_REQUEST and WAN_ERR_NOT_READY. */
  errors?: readonly EngineErrorCode[];
}

/** The OpenAPI document itself; its schema is OpenAPI's own, checked by shape only. */
const OpenApiDocumentSchema = Type.Object({
  openapi: Type.String(),
  info: Type.Object({ title: Type.String(), version: Type.String() }),
  paths: Type.Record(Type.String(), Type.Unknown()),
});

const MEMBER = ['member'] as const;

/** What a route that writes values answers for one over a limit (contract/value-limits.ts). */
const VALUE_ERRORS = [
  'WAN_ERR_VALUE_TOO_DEEP',
  'WAN_ERR_VALUE_TOO_LARGE',
  'WAN_ERR_BODY_TOO_LARGE',
] as const satisfies readonly EngineErrorCode[];
const BOTH = ['member', 'locator'] as const;

const SENDER_ACTIONS = ['pause', 'resume', 'stop', 'start'] as const;

/**
 * Every route of the control API. The engine registers its routes from this table, the
 * OpenAPI document is generated from it (openapi.ts), and the contract test suite checks
 * each answer of a running engine against its response schema.
 */
export const CONTROL_ROUTES: readonly RouteContract[] = [
  {
    method: 'GET',
    path: '/health',
    roles: BOTH,
    summary: 'who answers and which engine it is; 503 WAN_ERR_STARTING until a member started',
    response: HealthBodySchema,
    errors: ['WAN_ERR_STARTING'],
  },
  {
    method: 'GET',
    path: '/metrics',
    roles: MEMBER,
    summary:
      "the member's gateway sender and receiver statistics in Prometheus text exposition 0.0.4",
    capability: 'prometheus-metrics',
    response: Type.String({ description: 'Prometheus text, one sample a line' }),
    contentType: 'text/plain; version=0.0.4',
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    roles: BOTH,
    summary: 'this document',
    response: OpenApiDocumentSchema,
  },
  {
    method: 'GET',
    path: '/v1/view',
    roles: ['locator'],
    summary: "the locator's view of every site's locators and receivers and of its site's members",
    capability: 'locator-view',
    response: LocatorViewSchema,
  },
  {
    method: 'GET',
    path: '/v1/regions',
    roles: MEMBER,
    summary: 'every region with its type and size',
    response: RegionListSchema,
  },
  {
    method: 'GET',
    path: '/v1/regions/:region',
    roles: MEMBER,
    summary: 'one region',
    params: RegionParams,
    response: RegionInfoSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN'],
  },
  {
    method: 'GET',
    path: '/v1/regions/:region/size',
    roles: MEMBER,
    summary: "the region's live entries, counted over the site",
    params: RegionParams,
    response: SizeBodySchema,
    errors: ['WAN_ERR_REGION_UNKNOWN'],
  },
  {
    method: 'GET',
    path: '/v1/regions/:region/entries',
    roles: MEMBER,
    summary: 'every live entry with its version',
    params: RegionParams,
    response: EntriesBodySchema,
    errors: ['WAN_ERR_REGION_UNKNOWN'],
  },
  {
    method: 'GET',
    path: '/v1/regions/:region/entries/:key',
    roles: MEMBER,
    summary: 'one entry with its version',
    params: EntryParams,
    response: EntryBodySchema,
    errors: ['WAN_ERR_REGION_UNKNOWN', 'WAN_ERR_NO_ENTRY'],
  },
  {
    method: 'PUT',
    path: '/v1/regions/:region/entries/:key',
    roles: MEMBER,
    summary: 'creates or updates an entry; answers once durable where a sender asks it (QUEUE-3)',
    params: EntryParams,
    body: PutBody,
    response: WriteResultSchema,
    errors: [
      'WAN_ERR_REGION_UNKNOWN',
      'WAN_ERR_NO_PRIMARY',
      'WAN_ERR_PEER_UNAVAILABLE',
      ...VALUE_ERRORS,
    ],
  },
  {
    method: 'DELETE',
    path: '/v1/regions/:region/entries/:key',
    roles: MEMBER,
    summary: 'destroys an entry',
    params: EntryParams,
    querystring: ThreadQuery,
    response: WriteResultSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN', 'WAN_ERR_NO_ENTRY', 'WAN_ERR_NO_PRIMARY'],
  },
  {
    method: 'POST',
    path: '/v1/regions/:region/clear',
    roles: MEMBER,
    summary: "empties this member's share of the region, never distributed (harness resets)",
    params: RegionParams,
    response: ClearResultSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN'],
  },
  {
    method: 'POST',
    path: '/v1/regions/:region/putAll',
    roles: MEMBER,
    summary: 'one event and one version per key, in order',
    params: RegionParams,
    body: PutAllBody,
    response: PutAllResultSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN', 'WAN_ERR_NO_PRIMARY', ...VALUE_ERRORS],
  },
  {
    method: 'GET',
    path: '/v1/regions/:region/conflicts',
    roles: MEMBER,
    summary: "the region's conflict settings and counters (CONS-4..7)",
    capability: 'conflict-statistics',
    params: RegionParams,
    response: ConflictStatusSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN'],
  },
  {
    method: 'GET',
    path: '/v1/regions/:region/buckets',
    roles: MEMBER,
    summary: "each bucket's primary and copies, by member name",
    capability: 'bucket-status',
    params: RegionParams,
    response: BucketsStatusSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN'],
  },
  {
    method: 'GET',
    path: '/v1/senders',
    roles: MEMBER,
    summary: 'the status of every sender this member hosts',
    response: SenderListSchema,
  },
  {
    method: 'GET',
    path: '/v1/senders/:id',
    roles: MEMBER,
    summary: "one sender's status, queue and statistics",
    params: SenderParams,
    response: SenderStatusSchema,
    errors: ['WAN_ERR_SENDER_UNKNOWN'],
  },
  {
    method: 'PATCH',
    path: '/v1/senders/:id',
    roles: MEMBER,
    summary: 'alters a running sender (Geode 1.15 `alter gateway-sender`)',
    params: SenderParams,
    body: SenderAlterationSchema,
    response: SenderStatusSchema,
    errors: ['WAN_ERR_SENDER_UNKNOWN', 'WAN_ERR_CONFIG_INVALID'],
  },
  ...SENDER_ACTIONS.map((action): RouteContract => ({
    method: 'POST',
    path: `/v1/senders/:id/${action}`,
    roles: MEMBER,
    summary: `${action}s the sender on this member and answers its new status${action === 'stop' ? ' (after up to maximumShutdownWaitS)' : ''}`,
    params: SenderParams,
    response: SenderStatusSchema,
    errors: ['WAN_ERR_SENDER_UNKNOWN'],
  })),
  {
    method: 'POST',
    path: '/v1/senders/:id/rebalance',
    roles: MEMBER,
    summary: 'every dispatcher reconnects, spread over the receivers known then (RECV-6)',
    capability: 'sender-rebalance',
    params: SenderParams,
    response: SenderStatusSchema,
    errors: ['WAN_ERR_SENDER_UNKNOWN', 'WAN_ERR_SENDER_KIND'],
  },
  {
    method: 'GET',
    path: '/v1/senders/:id/dropped',
    roles: MEMBER,
    summary: 'what a stopped parallel sender dropped (STOP-4)',
    capability: 'dropped-events-log',
    params: SenderParams,
    response: DroppedEventsSchema,
    errors: ['WAN_ERR_SENDER_UNKNOWN'],
  },
  {
    method: 'GET',
    path: '/v1/receiver',
    roles: MEMBER,
    summary: "the member's gateway receiver",
    response: ReceiverStatusSchema,
    errors: ['WAN_ERR_RECEIVER_ABSENT'],
  },
  {
    method: 'POST',
    path: '/v1/receiver',
    roles: MEMBER,
    summary: "creates the member's receiver (RECV-4: one per member)",
    capability: 'runtime-receiver-create',
    body: ReceiverConfigSchema,
    status: 201,
    response: ReceiverStatusSchema,
    errors: [
      'WAN_ERR_RECEIVER_EXISTS',
      'WAN_ERR_CONFIG_INVALID',
      'WAN_ERR_PORT_RANGE_EXHAUSTED',
      'WAN_ERR_BIND_ADDRESS_UNAVAILABLE',
    ],
  },
  {
    method: 'DELETE',
    path: '/v1/receiver',
    roles: MEMBER,
    summary:
      "removes the member's stopped receiver, so that another can be created (Geode's destroy)",
    capability: 'runtime-receiver-create',
    response: ReceiverRemovedSchema,
    errors: ['WAN_ERR_RECEIVER_ABSENT', 'WAN_ERR_RECEIVER_STATE'],
  },
  {
    method: 'POST',
    path: '/v1/receiver/start',
    roles: MEMBER,
    summary: 'starts the receiver',
    response: ReceiverStatusSchema,
    errors: [
      'WAN_ERR_RECEIVER_ABSENT',
      'WAN_ERR_RECEIVER_STATE',
      'WAN_ERR_PORT_RANGE_EXHAUSTED',
      'WAN_ERR_BIND_ADDRESS_UNAVAILABLE',
    ],
  },
  {
    method: 'POST',
    path: '/v1/receiver/stop',
    roles: MEMBER,
    summary: 'stops the receiver',
    response: ReceiverStatusSchema,
    errors: ['WAN_ERR_RECEIVER_ABSENT', 'WAN_ERR_RECEIVER_STATE'],
  },
  {
    method: 'POST',
    path: '/v1/transactions',
    roles: MEMBER,
    summary:
      'puts and destroys committed together, or none (TX-1); a destroy of a missing entry refuses the whole transaction (400)',
    capability: 'transactions',
    body: TransactionBody,
    response: TransactionResultSchema,
    errors: ['WAN_ERR_REGION_UNKNOWN', ...VALUE_ERRORS],
  },
  {
    method: 'GET',
    path: '/v1/events',
    roles: MEMBER,
    summary: 'applied events after sequence N, local and remote',
    capability: 'applied-log',
    querystring: EventsQuery,
    response: EventsPageSchema,
  },
  {
    method: 'GET',
    path: '/v1/receipts',
    roles: MEMBER,
    summary: 'what the receiver made of each event, in arrival order',
    capability: 'receipt-log',
    querystring: EventsQuery,
    response: ReceiptsPageSchema,
  },
  {
    method: 'GET',
    path: '/v1/clock',
    roles: MEMBER,
    summary: "the member's clock and offset",
    response: ClockAnswerSchema,
  },
  {
    method: 'PUT',
    path: '/v1/clock',
    roles: MEMBER,
    summary: 'sets the offset (CONS-5); fixedAtMs stops the clock at that instant',
    capability: 'clock-offset',
    body: ClockBody,
    response: ClockAnswerSchema,
  },
  {
    method: 'GET',
    path: '/v1/cluster',
    roles: MEMBER,
    summary: 'the site as this member sees it, members oldest first',
    capability: 'cluster-view',
    response: ClusterViewSchema,
  },
  ...WAN_COPY_ROUTES,
  ...runtimeChangeRoutes(),
];

/** Issue 15 (GEODE-5, GEODE-6): regions and senders destroyed, closed and created at runtime. */
function runtimeChangeRoutes(): RouteContract[] {
  const capability = 'runtime-destroy';
  return [
    {
      method: 'DELETE',
      path: '/v1/regions/:region',
      roles: MEMBER,
      summary:
        "destroys the region on this member: its entries here are gone, it makes no more events, and the destroy is never sent to another site (Geode's destroyRegion is not sent over WAN)",
      capability,
      params: RegionParams,
      response: RegionRemovedSchema,
      errors: ['WAN_ERR_REGION_UNKNOWN'],
    },
    {
      method: 'POST',
      path: '/v1/regions/:region/close',
      roles: MEMBER,
      summary:
        "closes the region on this member (Geode's Region.close): as destroy here, regions are not persistent; other members keep their copies",
      capability,
      params: RegionParams,
      response: RegionRemovedSchema,
      errors: ['WAN_ERR_REGION_UNKNOWN'],
    },
    {
      method: 'POST',
      path: '/v1/regions/:region',
      roles: MEMBER,
      summary:
        "creates a destroyed or closed region again from its definition in the member's configuration; its senders take its events again",
      capability,
      params: RegionParams,
      status: 201,
      response: RegionInfoSchema,
      errors: ['WAN_ERR_REGION_UNKNOWN', 'WAN_ERR_REGION_EXISTS'],
    },
    {
      method: 'DELETE',
      path: '/v1/senders/:id',
      roles: MEMBER,
      summary:
        'destroys the sender on this member, its queue with it; refused (409 WAN_ERR_SENDER_IN_USE, naming them) while a region of this member lists it',
      capability,
      params: SenderParams,
      response: SenderDestroyedSchema,
      errors: ['WAN_ERR_SENDER_UNKNOWN', 'WAN_ERR_SENDER_IN_USE'],
    },
    {
      method: 'POST',
      path: '/v1/senders/:id',
      roles: MEMBER,
      summary:
        "creates a destroyed sender again from its definition in the member's configuration, started unless manualStart",
      capability,
      params: SenderParams,
      status: 201,
      response: SenderStatusSchema,
      errors: ['WAN_ERR_SENDER_UNKNOWN', 'WAN_ERR_SENDER_EXISTS'],
    },
  ];
}

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

const BY_KEY = new Map(CONTROL_ROUTES.map((route) => [routeKey(route.method, route.path), route]));

/** The contract of one route; throws for a route the contract does not have. */
export function routeContract(method: HttpMethod, path: string): RouteContract {
  const route = BY_KEY.get(routeKey(method, path));
  if (!route) throw new Error(`the control API contract has no route ${routeKey(method, path)}`);
  return route;
}

export function hasRouteContract(method: HttpMethod, path: string): boolean {
  return BY_KEY.has(routeKey(method, path));
}

export function routesFor(role: ControlRole): RouteContract[] {
  return CONTROL_ROUTES.filter((route) => route.roles.includes(role));
}
