import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { httpStatusOf, type ErrorBody } from '../../contract/errors.js';
import { REQUEST_BODY_BYTES_MAX, bodyValueProblem } from '../../contract/value-limits.js';
import { EngineError, isEngineError } from '../errors.js';
import type { Logger } from '../log.js';
import { describeSchemaErrors } from '../config/schema-errors.js';
import { requireControlToken } from './control-auth.js';
import { trackRoutesForMethodErrors } from './method-not-allowed.js';
import { contractSchemasByDefault } from './route-schema.js';

/** Above every path parameter the contract allows (contract/control-api/requests.ts). */
const MAX_PARAM_CHARACTERS = 3 * 4096;
/**
 * Node's default (16 KiB) answers 431 to a URL the route schemas would still take: a key of
 * 4096 characters percent-encoded is up to 36 KiB. Above this, 431 before any route runs.
 */
export const HTTP_HEADER_BYTES_MAX = 64 * 1024;

/**
 * The control API's HTTP server: JSON in and out, every request validated against its route
 * schema, every failure a JSON body with a stable code. Body fields are never coerced, so a
 * clock offset of "12" is a 400, not 12. Every route but /health needs `auth.token`
 * (control-auth.ts).
 */
export function createControlServer(logger: Logger, auth: { token: string }): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger.child({ component: 'control' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: REQUEST_BODY_BYTES_MAX,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
    // The route schemas bound every parameter (a key: 4096 characters, each up to 3 bytes
    // percent-encoded); the router's own default (100) refused longer keys before them.
    routerOptions: { maxParamLength: MAX_PARAM_CHARACTERS },
    // A URL the router cannot take apart answers like any other bad request.
    frameworkErrors: frameworkError,
    http: { maxHeaderSize: HTTP_HEADER_BYTES_MAX },
  });
  const methodNotAllowed = trackRoutesForMethodErrors(app);
  contractSchemasByDefault(app);
  requireControlToken(app, auth.token, logger.child({ component: 'control' }));
  // A value that could not replicate is refused before anything is stored (value-limits.ts).
  app.addHook('preHandler', async (request) => {
    const problem = bodyValueProblem(request.body);
    if (problem) throw new EngineError(problem.code, problem.message, problem.hint);
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    // A method the router does not know (QUERY, say) fails on its body before the not-found
    // handler runs; on a known path it is still the method that is wrong.
    if (request.routeOptions.url === undefined) {
      const answered = methodNotAllowed(request, reply);
      if (answered) return answered;
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Read (and drop) the rest first: answering mid-upload resets the connection, and the
      // client sees EPIPE instead of this answer.
      await drained(request.raw, REQUEST_BODY_BYTES_MAX * 4);
      return reply.status(413).send({
        code: 'WAN_ERR_BODY_TOO_LARGE',
        message: `the request body is larger than ${REQUEST_BODY_BYTES_MAX} bytes (REQUEST_BODY_BYTES_MAX, 16 MiB)`,
        hint: 'send fewer entries per request',
      } satisfies ErrorBody);
    }
    if (isEngineError(error)) {
      return reply.status(httpStatusOf(error.code)).send(error.toJSON());
    }
    if (error.validation) {
      // A value out of a union of literals names every allowed value, not only the first.
      const oneOf = describeSchemaErrors(error.validation).find((l) =>
        l.includes('must be one of'),
      );
      const context = error.validationContext ?? 'request';
      return reply.status(400).send({
        code: 'WAN_ERR_BAD_REQUEST',
        message: oneOf
          ? `${context} ${oneOf}`
          : `${context}${error.message.replace(/^(body|params|querystring)/, '')}`,
        hint: 'see GET /v1/openapi.json for the shape of each route',
      } satisfies ErrorBody);
    }
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500)
      logger.error({ err: error.message, stack: error.stack }, 'control request failed');
    return reply.status(status).send({
      code: status === 500 ? 'WAN_ERR_INTERNAL' : 'WAN_ERR_BAD_REQUEST',
      message: error.message,
      hint: status === 500 ? 'see the member log' : 'fix the request',
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler(
    (request, reply) =>
      methodNotAllowed(request, reply) ??
      reply.status(404).send({
        code: 'WAN_ERR_NOT_FOUND',
        message: `no route ${request.method} ${request.url}`,
        hint: 'see GET /v1/openapi.json for the routes',
      } satisfies ErrorBody),
  );
  return app;
}

/** Resolves once a request's body has ended, or `limitBytes` more were dropped, or 5 s passed. */
function drained(stream: FastifyRequest['raw'], limitBytes: number): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const done = (): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      dropped += chunk.length;
      if (dropped > limitBytes) done();
    };
    const timer = setTimeout(done, 5000);
    stream.on('data', onData);
    stream.once('end', done);
    stream.once('close', done);
    stream.resume();
  });
}

function frameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(400).send({
    code: 'WAN_ERR_BAD_REQUEST',
    message: error.message,
    hint: 'see GET /v1/openapi.json for the shape of each route',
  } satisfies ErrorBody);
}

export function badRequest(message: string, hint: string): EngineError {
  return new EngineError('WAN_ERR_BAD_REQUEST', message, hint);
}
