import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Member } from '../member/member.js';
import type { Entry } from '../region/region.js';
import type { JsonValue, RegionEvent } from '../region/region-event.js';
import type { ClockAnswer } from '../../contract/control-api/clock.js';
import type { HealthBody } from '../../contract/control-api/health.js';
import type { EventsPage } from '../../contract/control-api/logs.js';
import type { ReceiverStatus } from '../../contract/control-api/receiver.js';
import type {
  ClearResult,
  EntriesBody,
  EntryBody,
  RegionInfo,
  RegionList,
  SizeBody,
  WriteResult,
} from '../../contract/control-api/regions.js';
import type {
  ClockBody,
  EntryParams,
  EventsQuery,
  PutBody,
  RegionParams,
  SenderParams,
  ThreadQuery,
} from '../../contract/control-api/requests.js';
import type { SenderList, SenderStatus } from '../../contract/control-api/senders.js';
import { clusterRoutes, serveWhenReady } from './cluster-routes.js';
import { receiptRoutes } from './receipt-routes.js';
import { CONTROL_API_VERSION, ENGINE_NAME, ENGINE_VERSION } from '../version.js';
import { conflictRoutes } from './conflict-routes.js';
import { gatewayRoutes } from './gateway-routes.js';
import { metricsRoute } from './metrics-route.js';
import { routeSchema } from './route-schema.js';
import { runtimeChangeRoutes } from './runtime-change-routes.js';
import { transactionRoutes } from './transaction-routes.js';
import { wanCopyRoutes } from './wan-copy-routes.js';

const EVENTS_PAGE_LIMIT = 10000;

function entryBody(key: string, entry: Entry): EntryBody {
  return { key, value: entry.value, version: entry.version };
}

/** A partitioned region's write also says which bucket the key is in. */
function writeResult(key: string, event: RegionEvent): WriteResult {
  return {
    key,
    op: event.op,
    version: event.version,
    eventId: event.id,
    ...(event.bucket !== undefined ? { bucket: event.bucket } : {}),
  };
}

function threadOf(query: Static<typeof ThreadQuery>): number {
  return query.thread === undefined ? 0 : Number(query.thread);
}

/** The member's control API; docs/architecture.md lists every route. */
export function memberRoutes(app: FastifyInstance, member: Member, startedAtMs: number): void {
  serveWhenReady(app, () => member.ready);
  app.get('/health', async (_request, reply) => {
    if (!member.started) {
      return reply.status(503).send({
        code: 'WAN_ERR_STARTING',
        message: `member ${member.name} is still starting`,
        hint: 'poll /health until it answers 200',
      });
    }
    return healthBody(member, startedAtMs);
  });

  metricsRoute(app, member);
  regionRoutes(app, member);
  senderRoutes(app, member);
  receiverRoutes(app, member);
  transactionRoutes(app, member);
  gatewayRoutes(app, member);
  clusterRoutes(app, member);
  receiptRoutes(app, member.receipts);
  runtimeChangeRoutes(app, member);

  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/v1/events',
    { schema: routeSchema('GET', '/v1/events') },
    async (request): Promise<EventsPage> => {
      const after = Number(request.query.after ?? 0);
      const limit = Math.min(EVENTS_PAGE_LIMIT, Number(request.query.limit ?? EVENTS_PAGE_LIMIT));
      return member.appliedLog.read(after, limit);
    },
  );

  app.get('/v1/clock', async (): Promise<ClockAnswer> => clockBody(member));
  app.put<{ Body: Static<typeof ClockBody> }>(
    '/v1/clock',
    { schema: routeSchema('PUT', '/v1/clock') },
    async (request): Promise<ClockAnswer> => {
      member.clock.setOffsetMs(request.body.offsetMs);
      member.clock.fixAt(request.body.fixedAtMs);
      return clockBody(member);
    },
  );
  conflictRoutes(app, member);
  wanCopyRoutes(app, member);
}

function clockBody(member: Member): ClockAnswer {
  const { fixedAtMs } = member.clock;
  return {
    nowMs: member.clock.now(),
    offsetMs: member.clock.offsetMs,
    ...(fixedAtMs !== undefined ? { fixedAtMs } : {}),
  };
}

function regionRoutes(app: FastifyInstance, member: Member): void {
  app.get('/v1/regions', async (): Promise<RegionList> => ({
    regions: await Promise.all(
      member.regions().map(async (r) => ({ name: r.name, type: r.kind, size: await r.size() })),
    ),
  }));

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region',
    { schema: routeSchema('GET', '/v1/regions/:region') },
    async (request): Promise<RegionInfo> => {
      const region = member.region(request.params.region);
      return { name: region.name, type: region.kind, size: await region.size() };
    },
  );

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/size',
    { schema: routeSchema('GET', '/v1/regions/:region/size') },
    async (request): Promise<SizeBody> => ({
      size: await member.region(request.params.region).size(),
    }),
  );

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/entries',
    { schema: routeSchema('GET', '/v1/regions/:region/entries') },
    async (request): Promise<EntriesBody> => ({
      entries: (await member.region(request.params.region).liveEntries()).map(([key, entry]) =>
        entryBody(key, entry),
      ),
    }),
  );

  app.get<{ Params: Static<typeof EntryParams> }>(
    '/v1/regions/:region/entries/:key',
    { schema: routeSchema('GET', '/v1/regions/:region/entries/:key') },
    async (request, reply) => {
      const entry = await member.region(request.params.region).get(request.params.key);
      if (!entry)
        return reply.status(404).send({
          code: 'WAN_ERR_NO_ENTRY',
          message: `no entry "${request.params.key}"`,
          hint: 'put it first',
        });
      return entryBody(request.params.key, entry);
    },
  );

  app.put<{ Params: Static<typeof EntryParams>; Body: Static<typeof PutBody> }>(
    '/v1/regions/:region/entries/:key',
    { schema: routeSchema('PUT', '/v1/regions/:region/entries/:key') },
    async (request): Promise<WriteResult> => {
      const { region, key } = request.params;
      const event = await member
        .region(region)
        .put(key, request.body.value as JsonValue, { thread: request.body.thread ?? 0 });
      await member.durable();
      return writeResult(key, event);
    },
  );

  app.delete<{ Params: Static<typeof EntryParams>; Querystring: Static<typeof ThreadQuery> }>(
    '/v1/regions/:region/entries/:key',
    { schema: routeSchema('DELETE', '/v1/regions/:region/entries/:key') },
    async (request, reply) => {
      const { region, key } = request.params;
      const event = await member.region(region).destroy(key, { thread: threadOf(request.query) });
      if (!event)
        return reply.status(404).send({
          code: 'WAN_ERR_NO_ENTRY',
          message: `no entry "${key}"`,
          hint: 'nothing to destroy',
        });
      await member.durable();
      return writeResult(key, event);
    },
  );

  app.post<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/clear',
    { schema: routeSchema('POST', '/v1/regions/:region/clear') },
    async (request): Promise<ClearResult> => ({
      cleared: member.region(request.params.region).clear(),
    }),
  );
}

function senderRoutes(app: FastifyInstance, member: Member): void {
  app.get('/v1/senders', async (): Promise<SenderList> => ({
    senders: member.senders().map((s) => s.status()),
  }));
  app.get<{ Params: Static<typeof SenderParams> }>(
    '/v1/senders/:id',
    { schema: routeSchema('GET', '/v1/senders/:id') },
    async (request): Promise<SenderStatus> => member.sender(request.params.id).status(),
  );
  const actions = {
    pause: (id: string) => member.sender(id).pause(),
    resume: (id: string) => member.sender(id).resume(),
    stop: (id: string) => member.sender(id).stop(),
    start: (id: string) => member.sender(id).start(),
  };
  for (const [action, run] of Object.entries(actions)) {
    app.post<{ Params: Static<typeof SenderParams> }>(
      `/v1/senders/:id/${action}`,
      { schema: routeSchema('POST', `/v1/senders/:id/${action}`) },
      async (request): Promise<SenderStatus> => {
        await run(request.params.id);
        return member.sender(request.params.id).status();
      },
    );
  }
}

function receiverRoutes(app: FastifyInstance, member: Member): void {
  app.get('/v1/receiver', async (): Promise<ReceiverStatus> => member.requireReceiver().status());
  app.post('/v1/receiver/start', async (): Promise<ReceiverStatus> => {
    await member.startReceiver();
    return member.requireReceiver().status();
  });
  app.post('/v1/receiver/stop', async (): Promise<ReceiverStatus> => {
    await member.stopReceiver();
    return member.requireReceiver().status();
  });
}

function healthBody(member: Member, startedAtMs: number): HealthBody {
  return {
    status: 'ok',
    role: 'member',
    name: member.name,
    uid: member.uid,
    site: member.config.site.name,
    distributedSystemId: member.dsid,
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    controlApiVersion: CONTROL_API_VERSION,
    pid: process.pid,
    uptimeMs: Date.now() - startedAtMs,
  };
}
