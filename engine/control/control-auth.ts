import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerToken, needsControlToken } from '../../contract/control-api/auth.js';
import type { ErrorBody } from '../../contract/errors.js';
import type { Logger } from '../log.js';

/** What a refused request is told: the code, and where the token is found. */
const UNAUTHORIZED_HINT =
  "send 'Authorization: Bearer <token>': wanlab up prints the deployment's token (also in <run folder>/control-token)";

/** Whether `offered` is the token, in time that does not depend on where they differ. */
export function tokenMatches(expected: Buffer, offered: string | undefined): boolean {
  if (offered === undefined) return false;
  const bytes = Buffer.from(offered);
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

function pathOf(request: FastifyRequest): string {
  const query = request.url.indexOf('?');
  return query < 0 ? request.url : request.url.slice(0, query);
}

/**
 * Every request but `GET /health` must carry the deployment's control token (issue 17), unknown
 * routes included: a client without it learns nothing of the routes. A refusal is logged
 * (never the offered value) with the number refused so far.
 */
export function requireControlToken(app: FastifyInstance, token: string, logger: Logger): void {
  const expected = Buffer.from(token);
  let refused = 0;
  app.addHook('onRequest', async (request, reply) => {
    if (!needsControlToken(pathOf(request))) return;
    if (tokenMatches(expected, bearerToken(request.headers.authorization))) return;
    refused += 1;
    const reason = request.headers.authorization === undefined ? 'no token' : 'wrong token';
    logger.warn(
      {
        code: 'WAN_ERR_UNAUTHORIZED',
        method: request.method,
        path: pathOf(request),
        reason,
        from: request.ip,
        refused,
      },
      'control request refused',
    );
    await reply
      .status(401)
      .header('www-authenticate', 'Bearer')
      .send({
        code: 'WAN_ERR_UNAUTHORIZED',
        message: `${request.method} ${pathOf(request)} needs the deployment's control token (${reason})`,
        hint: UNAUTHORIZED_HINT,
      } satisfies ErrorBody);
    return reply;
  });
}
