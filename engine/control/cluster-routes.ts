import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { memberKey } from '../cluster/member-ref.js';
import type { Member } from '../member/member.js';
import type { ErrorBody } from '../../contract/errors.js';
import type { RegionParams, SenderParams } from '../../contract/control-api/requests.js';
import type { DroppedEvents, SenderStatus } from '../../contract/control-api/senders.js';
import type { BucketsStatus, ClusterView } from '../../contract/control-api/site.js';
import { routeSchema } from './route-schema.js';

/** Routes that need the member's share of the site's data wait for it (/health too: it
 * answers 503 until the member is `started`, member-routes.ts). */
const NEEDS_READY = [/^\/v1\/regions(\/|$)/];

/**
 * A member answers 503 WAN_ERR_NOT_READY on region routes until it has joined its site and
 * caught up (a restarted member gets the current state before it serves).
 */
export function serveWhenReady(app: FastifyInstance, ready: () => boolean): void {
  app.addHook('onRequest', async (request, reply) => {
    if (ready() || !NEEDS_READY.some((pattern) => pattern.test(request.url.split('?')[0]!))) {
      return;
    }
    await reply.status(503).send({
      code: 'WAN_ERR_NOT_READY',
      message: 'this member is joining its site and catching up',
      hint: 'retry in a moment',
    } satisfies ErrorBody);
  });
}

/** The site as this member sees it: members oldest first, and where each bucket is. */
export function clusterRoutes(app: FastifyInstance, member: Member): void {
  app.get('/v1/cluster', async (): Promise<ClusterView> => {
    const { cluster } = member;
    return {
      self: member.name,
      session: cluster.self.session,
      peerProtocolErrors: cluster.peerProtocolErrors,
      members: cluster.members().map((m, joinOrder) => {
        const profile = cluster.profile(memberKey(m));
        return {
          name: m.name,
          uid: m.uid,
          session: m.session,
          joinOrder,
          senders: (profile?.senders ?? []).map((s) => ({
            id: s.id,
            running: s.running,
            runningSinceMs: s.runningSinceMs,
          })),
        };
      }),
    };
  });

  app.get<{ Params: Static<typeof SenderParams> }>(
    '/v1/senders/:id/dropped',
    { schema: routeSchema('GET', '/v1/senders/:id/dropped') },
    async (request): Promise<DroppedEvents> => member.sender(request.params.id).dropped(),
  );

  app.post<{ Params: Static<typeof SenderParams> }>(
    '/v1/senders/:id/rebalance',
    { schema: routeSchema('POST', '/v1/senders/:id/rebalance') },
    async (request): Promise<SenderStatus> => {
      const sender = member.sender(request.params.id);
      await sender.rebalance();
      return sender.status();
    },
  );

  app.get<{ Params: Static<typeof RegionParams> }>(
    '/v1/regions/:region/buckets',
    { schema: routeSchema('GET', '/v1/regions/:region/buckets') },
    async (request): Promise<BucketsStatus> => member.region(request.params.region).buckets(),
  );
}
