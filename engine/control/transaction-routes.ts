import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TransactionResult } from '../../contract/control-api/regions.js';
import type { TransactionBody } from '../../contract/control-api/requests.js';
import type { Member } from '../member/member.js';
import { commitTransaction, type TransactionOperation } from '../region/transaction.js';
import { routeSchema } from './route-schema.js';

/**
 * POST /v1/transactions (TX-1): several puts and destroys committed together on this member.
 * It answers once the events are queued durably where a sender is persistent and
 * disk-synchronous (QUEUE-3).
 */
export function transactionRoutes(app: FastifyInstance, member: Member): void {
  let transactions = 0;
  app.post<{ Body: Static<typeof TransactionBody> }>(
    '/v1/transactions',
    { schema: routeSchema('POST', '/v1/transactions') },
    async (request): Promise<TransactionResult> => {
      const id = `${member.uid}:tx${++transactions}`;
      const events = await commitTransaction(
        id,
        request.body.operations as TransactionOperation[],
        (name) => member.region(name),
        request.body.thread ?? 0,
      );
      await member.durable();
      return {
        transactionId: id,
        events: events.map((e) => ({
          region: e.region,
          key: e.key,
          op: e.op,
          version: e.version,
          eventId: e.id,
        })),
      };
    },
  );
}
