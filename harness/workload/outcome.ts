import { ControlApiError, ControlApiTimeout } from '../client/control-client.js';
import { messageOf } from '../errors.js';

export interface FailedOutcome {
  type: 'fail' | 'unknown';
  error: string;
}

/**
 * What a failed request says about the operation: `fail` only when it certainly did not
 * happen (the member refused it, or the connection was refused before anything was sent);
 * `unknown` when it may have (a timeout, a connection lost mid-request, a server error).
 */
export function classifyFailure(error: unknown): FailedOutcome {
  if (error instanceof ControlApiTimeout) return { type: 'unknown', error: error.message };
  if (error instanceof ControlApiError) {
    return { type: error.status >= 500 ? 'unknown' : 'fail', error: error.message };
  }
  if (connectionRefused(error))
    return { type: 'fail', error: `connection refused: ${messageOf(error)}` };
  return { type: 'unknown', error: messageOf(error) };
}

function connectionRefused(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if ((current as { code?: unknown }).code === 'ECONNREFUSED') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
