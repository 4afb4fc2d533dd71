import type { FastifySchema } from 'fastify';
import { routeContract, type HttpMethod } from '../../contract/control-api/routes.js';

/**
 * The request schemas of a route, from the contract's route table: a route the contract does
 * not have cannot be registered, and its validation is the contract's.
 */
export function routeSchema(method: HttpMethod, path: string): FastifySchema {
  const route = routeContract(method, path);
  return {
    ...(route.params ? { params: route.params } : {}),
    ...(route.querystring ? { querystring: route.querystring } : {}),
    ...(route.body ? { body: route.body } : {}),
  };
}
