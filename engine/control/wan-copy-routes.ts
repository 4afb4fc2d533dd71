import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RegionParams } from '../../contract/control-api/requests.js';
import type {
  WanCopyBody,
  WanCopyList,
  WanCopyParams,
  WanCopyStatus,
} from '../../contract/control-api/wan-copy.js';
import type { Member } from '../member/member.js';
import { routeSchema } from './route-schema.js';

/** GEODE-7: wan-copy a region to a sender's remote site, follow it, cancel it. */
export function wanCopyRoutes(app: FastifyInstance, member: Member): void {
  app.post<{ Params: Static<typeof RegionParams>; Body: Static<typeof WanCopyBody> }>(
    '/v1/regions/:region/wan-copy',
    { schema: routeSchema('POST', '/v1/regions/:region/wan-copy') },
    async (request, reply) => {
      const status = await member.wanCopies.start(request.params.region, request.body);
      return reply.status(202).send(status);
    },
  );

  app.get(
    '/v1/wan-copies',
    { schema: routeSchema('GET', '/v1/wan-copies') },
    async (): Promise<WanCopyList> => ({ copies: member.wanCopies.list() }),
  );

  app.get<{ Params: Static<typeof WanCopyParams> }>(
    '/v1/wan-copies/:id',
    { schema: routeSchema('GET', '/v1/wan-copies/:id') },
    async (request): Promise<WanCopyStatus> => member.wanCopies.get(request.params.id),
  );

  app.post<{ Params: Static<typeof WanCopyParams> }>(
    '/v1/wan-copies/:id/cancel',
    { schema: routeSchema('POST', '/v1/wan-copies/:id/cancel') },
    async (request): Promise<WanCopyStatus> => member.wanCopies.cancel(request.params.id),
  );
}
