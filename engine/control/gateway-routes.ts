import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { receiverIssues } from '../config/member-rules.js';
import { ReceiverConfigSchema } from '../config/receiver-schema.js';
import { EngineError } from '../errors.js';
import type { Member } from '../member/member.js';
import { SenderParams } from './schemas.js';

/** Geode 1.15's `alter gateway-sender`: attributes a running sender can change. */
const SenderAlterationBody = Type.Object(
  {
    batchSize: Type.Optional(Type.Integer({ minimum: 1 })),
    batchTimeIntervalMs: Type.Optional(Type.Integer({ minimum: 1 })),
    alertThresholdMs: Type.Optional(Type.Integer({ minimum: 0 })),
    groupTransactionEvents: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Gateway management beyond start/stop/pause/resume: alter a sender, create a receiver. */
export function gatewayRoutes(app: FastifyInstance, member: Member): void {
  app.patch<{ Params: Static<typeof SenderParams>; Body: Static<typeof SenderAlterationBody> }>(
    '/v1/senders/:id',
    { schema: { params: SenderParams, body: SenderAlterationBody } },
    async (request) => {
      const sender = member.sender(request.params.id);
      sender.alter(request.body);
      return sender.status();
    },
  );

  app.post<{ Body: Static<typeof ReceiverConfigSchema> }>(
    '/v1/receiver',
    { schema: { body: ReceiverConfigSchema } },
    async (request, reply) => {
      const issues = receiverIssues(request.body);
      if (issues.length > 0) {
        throw new EngineError(
          'WAN_ERR_CONFIG_INVALID',
          issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          issues.map((i) => i.hint).join('; '),
        );
      }
      const receiver = await member.addReceiver(request.body);
      return reply.status(201).send(receiver.status());
    },
  );
}
