import type { TSchema } from '@sinclair/typebox';
import { ENGINE_ERROR_CODES, ErrorBodySchema } from '../errors.js';
import { needsControlToken } from './auth.js';
import { CONTROL_API_VERSION } from './health.js';
import { routesFor, type ControlRole, type RouteContract } from './routes.js';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: unknown;
}

interface ResponseObject {
  description: string;
  content?: Record<string, { schema: unknown }>;
}

export interface OpenApiOperation {
  summary: string;
  'x-capability'?: string;
  /** `[]` on a route anyone may call; absent: the document's (the bearer token). */
  security?: [];
  parameters: Parameter[];
  requestBody?: { required: true; content: { 'application/json': { schema: unknown } } };
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; 'x-engine-version': string };
  components: { securitySchemes: { bearer: { type: 'http'; scheme: 'bearer' } } };
  security: [{ bearer: [] }];
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** TypeBox schemas carry symbol keys; a JSON round trip leaves plain JSON Schema. */
function plain(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema)) as unknown;
}

function parametersOf(schema: TSchema | undefined, location: 'path' | 'query'): Parameter[] {
  const object = schema as
    { properties?: Record<string, unknown>; required?: string[] } | undefined;
  return Object.entries(object?.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (object?.required ?? []).includes(name),
    schema: plain(property),
  }));
}

function json(schema: TSchema): { 'application/json': { schema: unknown } } {
  return { 'application/json': { schema: plain(schema) } };
}

/**
 * A request schema as a client sees it: a property with a default may be left out (the server
 * fills it in), so it is not required, whatever the server-side schema says.
 */
function asRequest(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(asRequest);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(schema)) out[name] = asRequest(value);
  const properties = out['properties'] as Record<string, { default?: unknown }> | undefined;
  if (properties && Array.isArray(out['required'])) {
    const required = (out['required'] as string[]).filter(
      (name) => properties[name]?.default === undefined,
    );
    if (required.length > 0) out['required'] = required;
    else delete out['required'];
  }
  return out;
}

/** The error answers of a route: its own codes grouped by HTTP status, and 400 for a bad request. */
function errorResponses(route: RouteContract): Record<string, ResponseObject> {
  const byStatus = new Map<number, string[]>([[400, ['WAN_ERR_BAD_REQUEST']]]);
  if (needsControlToken(route.path)) byStatus.set(401, ['WAN_ERR_UNAUTHORIZED']);
  for (const code of route.errors ?? []) {
    const status: number = (ENGINE_ERROR_CODES[code] as { httpStatus?: number }).httpStatus ?? 500;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus.entries()].map(([status, codes]) => [
      String(status),
      { description: codes.join(', '), content: json(ErrorBodySchema) },
    ]),
  );
}

function operationOf(route: RouteContract): OpenApiOperation {
  return {
    summary: route.summary,
    ...(route.capability ? { 'x-capability': route.capability } : {}),
    ...(needsControlToken(route.path) ? {} : { security: [] as [] }),
    parameters: [
      ...parametersOf(route.params, 'path'),
      ...parametersOf(route.querystring, 'query'),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: asRequest(plain(route.body)) } },
          },
        }
      : {}),
    responses: {
      [String(route.status ?? 200)]: {
        description: 'ok',
        content: route.contentType
          ? { [route.contentType]: { schema: plain(route.response) } }
          : json(route.response),
      },
      ...errorResponses(route),
    },
  };
}

/**
 * The OpenAPI 3 description of a role's control API, generated from the contract's route
 * table: request and response schemas, error answers, and the capability a route needs.
 * `routes` narrows it to the routes an engine really has (those of its capabilities).
 */
export function openApiDocument(
  role: ControlRole,
  engine: { name: string; version: string },
  has: (route: RouteContract) => boolean = () => true,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routesFor(role).filter(has)) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `${engine.name} ${role} control API`,
      version: `${CONTROL_API_VERSION}`,
      'x-engine-version': engine.version,
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
