import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Member } from '../member/member.js';
import { putAll } from '../region/put-all.js';
import type { JsonValue } from '../region/region-event.js';
import type { ConflictStatus } from '../../contract/control-api/conflicts.js';
import type { PutAllResult } from '../../contract/control-api/regions.js';
import type { PutAllBody, RegionParams } from '../../contract/control-api/requests.js';
import { routeSchema } from './route-schema.js';

/** Routes of WAN consistency: each region's conflict statistics, and putAll. */
export function conflictRoutes(app: FastifyInstance, member: Member): void {
  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/conflicts',
    { schema: routeSchema('GET', '/v1/regions/:region/conflicts') },
    async (request): Promise<ConflictStatus> =>
      member.conflictChecker(request.params.region).status(),
  );

  app.post<{ Params: Static<typeof RegionParams>; Body: Static<typeof PutAllBody> }>(
    '/v1/regions/:region/putAll',
    { schema: routeSchema('POST', '/v1/regions/:region/putAll') },
    async (request): Promise<PutAllResult> => {
      const region = member.region(request.params.region);
      const entries = request.body.entries.map((e) => ({
        key: e.key,
        value: e.value as JsonValue,
      }));
      const events = await putAll(region, entries, { thread: request.body.thread ?? 0 });
      await member.durable();
      return {
        results: events.map((event) => ({
          key: event.key,
          op: event.op,
          version: event.version,
          eventId: event.id,
        })),
      };
    },
  );
}
