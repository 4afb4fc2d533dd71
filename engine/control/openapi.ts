import type { FastifyInstance, RouteOptions } from 'fastify';
import { CONTROL_API_VERSION, ENGINE_NAME, ENGINE_VERSION } from '../version.js';

interface RouteSchemas {
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
}

interface Operation {
  parameters: Array<{ name: string; in: 'path' | 'query'; required: boolean; schema: unknown }>;
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string }>;
}

function parametersOf(schema: unknown, location: 'path' | 'query'): Operation['parameters'] {
  const object = schema as
    { properties?: Record<string, unknown>; required?: string[] } | undefined;
  return Object.entries(object?.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object?.required ?? []).includes(name),
    schema: property,
  }));
}

function operationOf(schema: RouteSchemas | undefined): Operation {
  return {
    parameters: [
      ...parametersOf(schema?.params, 'path'),
      ...parametersOf(schema?.querystring, 'query'),
    ],
    ...(schema?.body
      ? { requestBody: { content: { 'application/json': { schema: schema.body } } } }
      : {}),
    responses: {
      '200': { description: 'ok' },
      '400': { description: 'request does not match the schema' },
    },
  };
}

/**
 * GET /v1/openapi.json: an OpenAPI 3 description generated from the route schemas as they are
 * registered, so the documented contract cannot drift from the validated one.
 */
export function serveOpenApi(app: FastifyInstance, role: 'member' | 'locator'): void {
  const paths: Record<string, Record<string, Operation>> = {};
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of methods) {
      if (method === 'HEAD') continue;
      (paths[path] ??= {})[method.toLowerCase()] = operationOf(
        route.schema as RouteSchemas | undefined,
      );
    }
  });
  app.get('/v1/openapi.json', async () => ({
    openapi: '3.0.3',
    info: {
      title: `${ENGINE_NAME} ${role} control API`,
      version: `${CONTROL_API_VERSION}`,
      'x-engine-version': ENGINE_VERSION,
    },
    paths,
  }));
}
