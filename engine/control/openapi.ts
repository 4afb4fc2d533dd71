import type { FastifyInstance, RouteOptions } from 'fastify';
import { openApiDocument } from '../../contract/control-api/openapi.js';
import { routeKey, routesFor, type ControlRole } from '../../contract/control-api/routes.js';
import { ENGINE_NAME, ENGINE_VERSION } from '../version.js';

/**
 * GET /v1/openapi.json: the contract's OpenAPI document for this role, narrowed to the routes
 * this engine registered. A route the contract does not have cannot be registered at all, so
 * the engine cannot grow an undocumented route.
 */
export function serveOpenApi(app: FastifyInstance, role: ControlRole): void {
  const contract = new Set(routesFor(role).map((route) => routeKey(route.method, route.path)));
  const registered = new Set<string>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      const key = routeKey(method, route.url);
      if (!contract.has(key)) {
        throw new Error(
          `${key} is not a ${role} route of the control API contract (contract/control-api/routes.ts)`,
        );
      }
      registered.add(key);
    }
  });
  app.get('/v1/openapi.json', async () =>
    openApiDocument(role, { name: ENGINE_NAME, version: ENGINE_VERSION }, (route) =>
      registered.has(routeKey(route.method, route.path)),
    ),
  );
}
