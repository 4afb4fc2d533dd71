import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Member } from '../member/member.js';
import { commitTransaction, type TransactionOperation } from '../region/transaction.js';
import { Key, Name } from './schemas.js';

export const TRANSACTION_MAX_OPERATIONS = 10_000;

const Thread = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 });

const TransactionBody = Type.Object(
  {
    operations: Type.Array(
      Type.Union([
        Type.Object(
          { op: Type.Literal('put'), region: Name, key: Key, value: Type.Unknown() },
          { additionalProperties: false, required: ['op', 'region', 'key', 'value'] },
        ),
        Type.Object(
          { op: Type.Literal('destroy'), region: Name, key: Key },
          { additionalProperties: false },
        ),
      ]),
      { minItems: 1, maxItems: TRANSACTION_MAX_OPERATIONS },
    ),
    thread: Type.Optional(Thread),
  },
  { additionalProperties: false },
);

/**
 * POST /v1/transactions (TX-1): several puts and destroys committed together on this member.
 * It answers once the events are queued durably where a sender is persistent and
 * disk-synchronous (QUEUE-3).
 */
export function transactionRoutes(app: FastifyInstance, member: Member): void {
  let transactions = 0;
  app.post<{ Body: Static<typeof TransactionBody> }>(
    '/v1/transactions',
    { schema: { body: TransactionBody } },
    async (request) => {
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
