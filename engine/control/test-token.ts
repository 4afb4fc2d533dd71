import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { bearer } from '../../contract/control-api/auth.js';

/** The control token of unit tests' control servers and member files. */
export const TEST_CONTROL_TOKEN = 'unit-test-control-token-0123456789';

/** `app.inject` with the test token, as the harness's clients send it. */
export function injectAuthed(
  app: FastifyInstance,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return app.inject({
    ...options,
    headers: { ...options.headers, authorization: bearer(TEST_CONTROL_TOKEN) },
  });
}
