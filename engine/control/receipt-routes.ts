import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ReceiptsPage } from '../../contract/control-api/logs.js';
import type { EventsQuery } from '../../contract/control-api/requests.js';
import type { ReceiptLog } from '../gateway/receiver/receipt-log.js';
import { routeSchema } from './route-schema.js';

const RECEIPTS_PAGE_LIMIT = 10000;

/** `GET /v1/receipts?after=N&limit=M`: what the gateway receiver made of each event it got. */
export function receiptRoutes(app: FastifyInstance, receipts: ReceiptLog): void {
  app.get<{ Querystring: Static<typeof EventsQuery> }>(
    '/v1/receipts',
    { schema: routeSchema('GET', '/v1/receipts') },
    async (request): Promise<ReceiptsPage> => {
      const after = Number(request.query.after ?? 0);
      const limit = Math.min(
        RECEIPTS_PAGE_LIMIT,
        Number(request.query.limit ?? RECEIPTS_PAGE_LIMIT),
      );
      return receipts.read(after, limit);
    },
  );
}
