import type { FastifyInstance } from 'fastify';
import type { HealthBody } from '../../contract/control-api/health.js';
import type { LocatorView } from '../../contract/control-api/locator.js';
import type { LocatorConfig } from '../config/locator-config.js';
import type { LocatorService } from '../locator/locator-service.js';
import { CONTROL_API_VERSION, ENGINE_NAME, ENGINE_VERSION } from '../version.js';

export function locatorRoutes(
  app: FastifyInstance,
  locator: LocatorService,
  config: LocatorConfig,
  startedAtMs: number,
): void {
  app.get('/health', async (): Promise<HealthBody> => ({
    status: 'ok',
    role: 'locator',
    name: config.name,
    site: config.site.name,
    distributedSystemId: config.site.distributedSystemId,
    engine: { name: ENGINE_NAME, version: ENGINE_VERSION },
    controlApiVersion: CONTROL_API_VERSION,
    pid: process.pid,
    uptimeMs: Date.now() - startedAtMs,
  }));
  app.get('/v1/view', async (): Promise<LocatorView> => locator.view());
}
