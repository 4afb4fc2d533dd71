import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import { ControlApiError, ControlClient } from '../harness/client/control-client.js';
import { newControlToken } from '../harness/util/control-token.js';
import type { WanWorld } from './support/world.js';

/** SEC-2: the control API's bearer token (issue 17). */
type Credential = 'without the control token' | 'with a wrong control token';

function controlUrlOf(world: WanWorld, role: string, name: string): string {
  assert.ok(role === 'member' || role === 'locator', `"${role}" is neither member nor locator`);
  return role === 'member'
    ? world.deployment.member(name).controlUrl
    : world.deployment.locator(name).controlUrl;
}

function strangerOf(world: WanWorld, role: string, name: string, how: Credential): ControlClient {
  const token = how === 'with a wrong control token' ? newControlToken() : undefined;
  return new ControlClient(controlUrlOf(world, role, name), token);
}

function split(request: string): { method: string; path: string } {
  const [method, path, ...rest] = request.split(' ');
  assert.ok(method && path && rest.length === 0, `"${request}" is not "<METHOD> <path>"`);
  return { method, path };
}

async function answerOf(
  client: ControlClient,
  request: string,
): Promise<{ status: number; code?: string }> {
  const { method, path } = split(request);
  const body = method === 'GET' || method === 'DELETE' ? undefined : {};
  try {
    await client.request(method, path, body);
    return { status: 200 };
  } catch (error) {
    if (!(error instanceof ControlApiError)) throw error;
    return { status: error.status, ...(error.body ? { code: error.body.code } : {}) };
  }
}

for (const how of ['without the control token', 'with a wrong control token'] as const) {
  Then(
    `a request {string} to {word} {string} ${how} is refused with {int} {string}`,
    async function (
      this: WanWorld,
      request: string,
      role: string,
      name: string,
      status: number,
      code: string,
    ) {
      const answer = await answerOf(strangerOf(this, role, name, how), request);
      assert.deepEqual(answer, { status, code }, `${request} to ${role} ${name} ${how}`);
    },
  );
}

Then(
  'a request {string} to {word} {string} without the control token answers {int}',
  async function (this: WanWorld, request: string, role: string, name: string, status: number) {
    const answer = await answerOf(
      strangerOf(this, role, name, 'without the control token'),
      request,
    );
    assert.equal(answer.status, status, `${request} to ${role} ${name}: ${JSON.stringify(answer)}`);
  },
);
