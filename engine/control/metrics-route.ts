import type { FastifyInstance } from 'fastify';
import type { Member } from '../member/member.js';
import { ENGINE_VERSION } from '../version.js';
import { gatewayMetrics, METRIC_PREFIX } from './gateway-metrics.js';
import { processMetrics } from './process-metrics.js';
import { exposition, PROMETHEUS_CONTENT_TYPE, type MetricFamily } from './prometheus-text.js';

function infoFamily(member: Member): MetricFamily {
  return {
    name: `${METRIC_PREFIX}member_info`,
    type: 'gauge',
    help: 'always 1: the member, its site and the engine version',
    samples: [
      {
        labels: {
          member: member.name,
          distributed_system_id: String(member.dsid),
          version: ENGINE_VERSION,
        },
        value: 1,
      },
    ],
  };
}

/** GET /metrics: the member's gateway statistics in Prometheus text (docs/architecture.md). */
export function metricsRoute(app: FastifyInstance, member: Member): void {
  app.get('/metrics', async (_request, reply) => {
    const families = [
      infoFamily(member),
      ...gatewayMetrics(
        { member: member.name, distributedSystemId: member.dsid },
        member.senders().map((sender) => sender.status()),
        member.receiver?.status(),
      ),
      ...processMetrics(),
    ];
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(exposition(families));
  });
}
