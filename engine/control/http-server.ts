import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';
import { EngineError, isEngineError, type EngineErrorCode } from '../errors.js';
import type { Logger } from '../log.js';

const STATUS_BY_CODE: Partial<Record<EngineErrorCode, number>> = {
  WAN_ERR_BAD_REQUEST: 400,
  WAN_ERR_CONFIG_INVALID: 400,
  WAN_ERR_REGION_UNKNOWN: 404,
  WAN_ERR_SENDER_UNKNOWN: 404,
  WAN_ERR_RECEIVER_ABSENT: 404,
  WAN_ERR_RECEIVER_STATE: 409,
  WAN_ERR_RECEIVER_EXISTS: 409,
  WAN_ERR_PORT_RANGE_EXHAUSTED: 409,
  WAN_ERR_NOT_READY: 503,
  WAN_ERR_NO_PRIMARY: 503,
  WAN_ERR_PEER_UNAVAILABLE: 503,
};

export interface ErrorBody {
  code: string;
  message: string;
  hint: string;
}

/**
 * The control API's HTTP server: JSON in and out, every request validated against its route
 * schema, every failure a JSON body with a stable code. Body fields are never coerced, so a
 * clock offset of "12" is a 400, not 12.
 */
export function createControlServer(logger: Logger): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger.child({ component: 'control' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true } },
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (isEngineError(error)) {
      return reply.status(STATUS_BY_CODE[error.code] ?? 500).send(error.toJSON());
    }
    if (error.validation) {
      return reply.status(400).send({
        code: 'WAN_ERR_BAD_REQUEST',
        message: `${error.validationContext ?? 'request'}${error.message.replace(/^(body|params|querystring)/, '')}`,
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
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      code: 'WAN_ERR_NOT_FOUND',
      message: `no route ${request.method} ${request.url}`,
      hint: 'see GET /v1/openapi.json for the routes',
    } satisfies ErrorBody),
  );
  return app;
}

export function badRequest(message: string, hint: string): EngineError {
  return new EngineError('WAN_ERR_BAD_REQUEST', message, hint);
}
