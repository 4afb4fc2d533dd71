import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Member } from '../member/member.js';
import type { Entry } from '../region/region.js';
import type { JsonValue, RegionEvent } from '../region/region-event.js';
import type { WriteResult } from './api-types.js';
import { clusterRoutes, serveWhenReady } from './cluster-routes.js';
import { receiptRoutes } from './receipt-routes.js';
import { CONTROL_API_VERSION, ENGINE_NAME, ENGINE_VERSION } from '../version.js';
import type { ClockBody as ClockAnswer, HealthBody } from './api-types.js';
import { conflictRoutes } from './conflict-routes.js';
import { gatewayRoutes } from './gateway-routes.js';
import { transactionRoutes } from './transaction-routes.js';
import {
  ClockBody,
  EntryParams,
  EventsQuery,
  PutBody,
  RegionParams,
  SenderParams,
  ThreadQuery,
} from './schemas.js';

const EVENTS_PAGE_LIMIT = 10000;

function entryBody(
  key: string,
  entry: Entry,
): { key: string; value: JsonValue | undefined; version: Entry['version'] } {
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

  regionRoutes(app, member);
  senderRoutes(app, member);
  receiverRoutes(app, member);
  transactionRoutes(app, member);
  gatewayRoutes(app, member);
  clusterRoutes(app, member);
  receiptRoutes(app, member.receipts);

  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/v1/events',
    { schema: { querystring: EventsQuery } },
    async (request) => {
      const after = Number(request.query.after ?? 0);
      const limit = Math.min(EVENTS_PAGE_LIMIT, Number(request.query.limit ?? EVENTS_PAGE_LIMIT));
      return member.appliedLog.read(after, limit);
    },
  );

  app.get('/v1/clock', async () => clockBody(member));
  app.put<{ Body: Static<typeof ClockBody> }>(
    '/v1/clock',
    { schema: { body: ClockBody } },
    async (request) => {
      member.clock.setOffsetMs(request.body.offsetMs);
      member.clock.fixAt(request.body.fixedAtMs);
      return clockBody(member);
    },
  );
  conflictRoutes(app, member);
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
  app.get('/v1/regions', async () => ({
    regions: await Promise.all(
      member.regions().map(async (r) => ({ name: r.name, type: r.kind, size: await r.size() })),
    ),
  }));

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region',
    { schema: { params: RegionParams } },
    async (request) => {
      const region = member.region(request.params.region);
      return { name: region.name, type: region.kind, size: await region.size() };
    },
  );

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/size',
    { schema: { params: RegionParams } },
    async (request) => ({
      size: await member.region(request.params.region).size(),
    }),
  );

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/entries',
    { schema: { params: RegionParams } },
    async (request) => ({
      entries: (await member.region(request.params.region).liveEntries()).map(([key, entry]) =>
        entryBody(key, entry),
      ),
    }),
  );

  app.get<{ Params: Static<typeof EntryParams> }>(
    '/v1/regions/:region/entries/:key',
    { schema: { params: EntryParams } },
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
    { schema: { params: EntryParams, body: PutBody } },
    async (request) => {
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
    { schema: { params: EntryParams, querystring: ThreadQuery } },
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
    { schema: { params: RegionParams } },
    async (request) => {
      const region = member.region(request.params.region);
      const cleared = region.size();
      region.clear();
      return { cleared };
    },
  );
}

function senderRoutes(app: FastifyInstance, member: Member): void {
  app.get('/v1/senders', async () => ({ senders: member.senders().map((s) => s.status()) }));
  app.get<{ Params: Static<typeof SenderParams> }>(
    '/v1/senders/:id',
    { schema: { params: SenderParams } },
    async (request) => member.sender(request.params.id).status(),
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
      { schema: { params: SenderParams } },
      async (request) => {
        await run(request.params.id);
        return member.sender(request.params.id).status();
      },
    );
  }
}

function receiverRoutes(app: FastifyInstance, member: Member): void {
  app.get('/v1/receiver', async () => member.requireReceiver().status());
  app.post('/v1/receiver/start', async () => {
    await member.startReceiver();
    return member.requireReceiver().status();
  });
  app.post('/v1/receiver/stop', async () => {
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
