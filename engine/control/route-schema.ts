import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifySchema } from 'fastify';
import {
  hasRouteContract,
  routeContract,
  type HttpMethod,
} from '../../contract/control-api/routes.js';

const NO_QUERY = Type.Object({}, { additionalProperties: false });

/**
 * The request schemas of a route, from the contract's route table: a route the contract does
 * not have cannot be registered, and its validation is the contract's.
 */
export function routeSchema(method: HttpMethod, path: string): FastifySchema {
  const route = routeContract(method, path);
  return {
    ...(route.params ? { params: route.params } : {}),
    // A query parameter the route does not have is a mistake to report, not to ignore.
    querystring: route.querystring ?? NO_QUERY,
    ...(route.body ? { body: route.body } : {}),
  };
}

/**
 * Gives every route registered without a schema its contract's (a route with no query
 * parameters then refuses one), so no route is left unvalidated by forgetting `routeSchema`.
 * Routes outside the contract (HEAD twins) keep theirs. Call before registering routes.
 */
export function contractSchemasByDefault(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.schema !== undefined || typeof route.method !== 'string') return;
    const method = route.method.toUpperCase();
    if (!isHttpMethod(method) || !hasRouteContract(method, route.url)) return;
    route.schema = routeSchema(method, route.url);
  });
}

function isHttpMethod(method: string): method is HttpMethod {
  return ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'].includes(method);
}
