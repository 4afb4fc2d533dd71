import { bearer, type ErrorBody } from '../../contract/index.js';
import { HarnessError } from '../errors.js';

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;

/** A control API answer that is not 2xx: the engine's own code and message. */
export class ControlApiError extends HarnessError {
  readonly status: number;
  readonly body: ErrorBody | undefined;

  constructor(url: string, method: string, status: number, body: ErrorBody | undefined) {
    super(
      'WANLAB_CONTROL_API',
      `${method} ${url} answered ${status}${body ? ` ${body.code}: ${body.message}` : ''}`,
      body?.hint ?? 'see the member log',
      { exitCode: 1 },
    );
    this.status = status;
    this.body = body;
  }
}

/** No answer in time: the outcome is unknown (the request may or may not have taken effect). */
export class ControlApiTimeout extends HarnessError {
  constructor(url: string, method: string, timeoutMs: number) {
    super(
      'WANLAB_TIMEOUT',
      `${method} ${url} got no answer within ${timeoutMs} ms`,
      'the member may be frozen, overloaded or gone',
      { exitCode: 1 },
    );
  }
}

export interface RequestOptions {
  timeoutMs?: number;
  /** Statuses to return as `undefined` instead of throwing (e.g. 404 for a missing entry). */
  allow?: number[];
}

/**
 * JSON over HTTP with a deadline; the base of the member and locator clients. Every request
 * carries the deployment's control token (`undefined`: none, as a stranger would call).
 */
export class ControlClient {
  readonly baseUrl: string;
  readonly #token: string | undefined;

  constructor(baseUrl: string, token: string | undefined) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.#token = token;
  }

  #headers(withBody: boolean): Record<string, string> {
    return {
      ...(withBody ? { 'content-type': 'application/json' } : {}),
      ...(this.#token === undefined ? {} : { authorization: bearer(this.#token) }),
    };
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<T | undefined> {
    const url = `${this.baseUrl}${path}`;
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: this.#headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (
        error instanceof Error &&
        (error.name === 'TimeoutError' || error.name === 'AbortError')
      ) {
        throw new ControlApiTimeout(url, method, timeoutMs);
      }
      throw new HarnessError(
        'WANLAB_CONTROL_API',
        `${method} ${url} failed: ${(error as Error).message}`,
        'is the member running?',
        { cause: error, exitCode: 1 },
      );
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) return parsed as T;
    if (options.allow?.includes(response.status)) return undefined;
    throw new ControlApiError(url, method, response.status, parsed as ErrorBody | undefined);
  }

  async get<T>(path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('GET', path, undefined, options)) as T;
  }
}
