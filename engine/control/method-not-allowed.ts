import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../contract/errors.js';

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/v1/senders/:id/pause` as a regular expression over a request's path. */
function patternOf(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/**
 * Tells "no such path" (404) from "that path, another method" (405 with `Allow`, as RFC 9110
 * asks), so a client that uses the wrong verb learns which ones the route has. Call before any
 * route is registered: it learns the routes from fastify's onRoute hook.
 */
export function trackRoutesForMethodErrors(
  app: FastifyInstance,
): (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined {
  const known = new Map<string, KnownPath>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const entry = known.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set() };
    for (const method of methods) entry.methods.add(method.toUpperCase());
    known.set(route.url, entry);
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = new Set<string>();
    for (const entry of known.values()) {
      if (entry.pattern.test(path)) for (const m of entry.methods) allowed.add(m);
    }
    if (allowed.size === 0 || allowed.has(request.method)) return undefined;
    const allow = [...allowed].sort().join(', ');
    return reply
      .status(405)
      .header('allow', allow)
      .send({
        code: 'WAN_ERR_METHOD_NOT_ALLOWED',
        message: `${request.method} is not a method of ${path}`,
        hint: `use one of: ${allow}`,
      } satisfies ErrorBody);
  };
}
