import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { Ajv, type ValidateFunction } from 'ajv';
import {
  bearer,
  ErrorBodySchema,
  httpStatusOf,
  isEngineErrorCode,
  routeContract,
  type ErrorBody,
  type HttpMethod,
} from '../../contract/index.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<TSchema, ValidateFunction>();

function validator(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Checks a body against a schema, failing with where and why. */
export function assertMatches(schema: TSchema, body: unknown, what: string): void {
  const validate = validator(schema);
  if (validate(body)) return;
  const why = (validate.errors ?? [])
    .map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}`)
    .join('; ');
  assert.fail(`${what} does not match its contract schema: ${why}\n${JSON.stringify(body)}`);
}

export interface Answer<T> {
  status: number;
  body: T;
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  /** A raw body, sent as is (a body that is not JSON). */
  rawBody?: string;
  /** The control token to send instead of the deployment's; `null`: none. */
  token?: string | null;
}

/**
 * A black-box client of one control API that checks every answer against the contract: a
 * success against its route's response schema and status, an error against the error shape,
 * with a code of the catalogue and the HTTP status the catalogue gives that code.
 */
export class ContractClient {
  readonly baseUrl: string;

  readonly #token: string;

  constructor(baseUrl: string, token: string) {
    this.#token = token;
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  /** A route of the contract; its answer is checked before it is returned. */
  async call<T>(method: HttpMethod, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const route = routeContract(method, path);
    const answer = await this.raw<T>(method, fill(path, options.params), options);
    const what = `${method} ${path}`;
    if (answer.status < 300) {
      assert.equal(answer.status, route.status ?? 200, `${what} answered ${answer.status}`);
      assertMatches(route.response, answer.body, `the answer of ${what}`);
    } else {
      assertError(answer, what);
    }
    return answer;
  }

  /** A success, or the test fails with the engine's error. */
  async ok<T>(method: HttpMethod, path: string, options: CallOptions = {}): Promise<T> {
    const answer = await this.call<T>(method, path, options);
    assert.ok(answer.status < 300, `${method} ${path}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** An error with this status and code, or the test fails. */
  async refused(
    method: HttpMethod,
    path: string,
    options: CallOptions,
    expected: { status: number; code: string },
  ): Promise<ErrorBody> {
    const answer = await this.call<ErrorBody>(method, path, options);
    assert.deepEqual(
      { status: answer.status, code: answer.body.code },
      expected,
      `${method} ${path}: ${JSON.stringify(answer.body)}`,
    );
    return answer.body;
  }

  /** A GET of a route that answers text (GET /metrics), with the deployment's token. */
  async text(path: string): Promise<{ status: number; contentType: string; text: string }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: bearer(this.#token) },
      signal: AbortSignal.timeout(120_000),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  }

  /** Any request, checked by nobody: for paths the contract does not have. */
  async raw<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const query = new URLSearchParams(
      Object.entries(options.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    const body =
      options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${this.baseUrl}${path}${query ? `?${query}` : ''}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token === null ? {} : { authorization: bearer(options.token ?? this.#token) }),
      },
      body,
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

/** An error answer: the shape, a catalogued code, and the status the catalogue gives it. */
export function assertError(answer: Answer<unknown>, what: string): void {
  assertMatches(ErrorBodySchema, answer.body, `the error of ${what}`);
  const { code, hint, message } = answer.body as ErrorBody;
  assert.ok(isEngineErrorCode(code), `${what}: ${code} is not in the error catalogue`);
  assert.equal(answer.status, httpStatusOf(code), `${what}: ${code} answered ${answer.status}`);
  assert.ok(message.length > 0 && hint.length > 0, `${what}: an error needs a message and a hint`);
}

function fill(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    assert.ok(value !== undefined, `no value for :${name} in ${path}`);
    return encodeURIComponent(value);
  });
}
