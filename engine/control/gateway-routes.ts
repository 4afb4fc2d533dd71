import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ReceiverConfigSchema } from '../../contract/control-api/receiver-config.js';
import type { ReceiverRemoved, ReceiverStatus } from '../../contract/control-api/receiver.js';
import type { SenderParams } from '../../contract/control-api/requests.js';
import type { SenderStatus } from '../../contract/control-api/senders.js';
import type { SenderAlterationSchema } from '../../contract/sender-attributes.js';
import { receiverIssues } from '../config/member-rules.js';
import { EngineError } from '../errors.js';
import type { Member } from '../member/member.js';
import { routeSchema } from './route-schema.js';

/** Gateway management beyond start/stop/pause/resume: alter a sender, create a receiver. */
export function gatewayRoutes(app: FastifyInstance, member: Member): void {
  app.patch<{ Params: Static<typeof SenderParams>; Body: Static<typeof SenderAlterationSchema> }>(
    '/v1/senders/:id',
    { schema: routeSchema('PATCH', '/v1/senders/:id') },
    async (request): Promise<SenderStatus> => {
      const sender = member.sender(request.params.id);
      sender.alter(request.body);
      return sender.status();
    },
  );

  app.post<{ Body: Static<typeof ReceiverConfigSchema> }>(
    '/v1/receiver',
    { schema: routeSchema('POST', '/v1/receiver') },
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
      const status: ReceiverStatus = receiver.status();
      return reply.status(201).send(status);
    },
  );

  app.delete('/v1/receiver', { schema: routeSchema('DELETE', '/v1/receiver') }, async () => {
    await member.removeReceiver();
    const removed: ReceiverRemoved = { removed: true };
    return removed;
  });
}
