import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RegionInfo } from '../../contract/control-api/regions.js';
import type { RegionParams, SenderParams } from '../../contract/control-api/requests.js';
import type { RegionRemoved, SenderDestroyed } from '../../contract/control-api/runtime-changes.js';
import type { SenderStatus } from '../../contract/control-api/senders.js';
import type { Member } from '../member/member.js';
import { routeSchema } from './route-schema.js';

type RegionRequest = { Params: Static<typeof RegionParams> };
type SenderRequest = { Params: Static<typeof SenderParams> };

/**
 * Issue 15 (GEODE-5, GEODE-6): regions destroyed, closed and created again, senders destroyed
 * and created again, on this member at runtime (docs/architecture.md, "Control API").
 */
export function runtimeChangeRoutes(app: FastifyInstance, member: Member): void {
  const removeRegion =
    (removed: RegionRemoved['removed']) =>
    async (request: { params: Static<typeof RegionParams> }): Promise<RegionRemoved> => {
      await member.removeRegion(request.params.region);
      return { region: request.params.region, removed };
    };
  app.delete<RegionRequest>(
    '/v1/regions/:region',
    { schema: routeSchema('DELETE', '/v1/regions/:region') },
    removeRegion('destroyed'),
  );
  app.post<RegionRequest>(
    '/v1/regions/:region/close',
    { schema: routeSchema('POST', '/v1/regions/:region/close') },
    removeRegion('closed'),
  );
  app.post<RegionRequest>(
    '/v1/regions/:region',
    { schema: routeSchema('POST', '/v1/regions/:region') },
    async (request, reply) => {
      const region = await member.createRegion(request.params.region);
      const info: RegionInfo = { name: region.name, type: region.kind, size: await region.size() };
      return reply.status(201).send(info);
    },
  );
  app.delete<SenderRequest>(
    '/v1/senders/:id',
    { schema: routeSchema('DELETE', '/v1/senders/:id') },
    async (request): Promise<SenderDestroyed> => {
      await member.destroySender(request.params.id);
      return { id: request.params.id, destroyed: true };
    },
  );
  app.post<SenderRequest>(
    '/v1/senders/:id',
    { schema: routeSchema('POST', '/v1/senders/:id') },
    async (request, reply) => {
      const status: SenderStatus = (await member.createSender(request.params.id)).status();
      return reply.status(201).send(status);
    },
  );
}
