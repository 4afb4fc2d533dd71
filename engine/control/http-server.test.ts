import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { REQUEST_BODY_BYTES_MAX, VALUE_DEPTH_MAX } from '../../contract/value-limits.js';
import { injectAuthed, TEST_CONTROL_TOKEN } from './test-token.js';
import { createControlServer } from './http-server.js';

/** The control server's own refusals, on a route that stores what it is given. */
async function server(): Promise<{
  app: ReturnType<typeof createControlServer>;
  stored: unknown[];
}> {
  const app = createControlServer(pino({ level: 'silent' }), { token: TEST_CONTROL_TOKEN });
  const stored: unknown[] = [];
  app.put('/v1/regions/:region/entries/:key', async (request) => {
    stored.push(request.body);
    return { ok: true };
  });
  await app.ready();
  return { app, stored };
}

test('a value nested too deep is 400 WAN_ERR_VALUE_TOO_DEEP before the route stores it', async () => {
  const { app, stored } = await server();
  const depth = 10_000;
  const answer = await injectAuthed(app, {
    method: 'PUT',
    url: '/v1/regions/data/entries/k',
    headers: { 'content-type': 'application/json' },
    payload: `{"value":${'['.repeat(depth)}${']'.repeat(depth)}}`,
  });
  assert.equal(answer.statusCode, 400);
  assert.equal(answer.json<{ code: string }>().code, 'WAN_ERR_VALUE_TOO_DEEP');
  assert.deepEqual(stored, []);
  const ok = await injectAuthed(app, {
    method: 'PUT',
    url: '/v1/regions/data/entries/k',
    headers: { 'content-type': 'application/json' },
    payload: `{"value":${'['.repeat(VALUE_DEPTH_MAX)}${']'.repeat(VALUE_DEPTH_MAX)}}`,
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(stored.length, 1);
  await app.close();
});

test('a body over 16 MiB is 413 WAN_ERR_BODY_TOO_LARGE', async () => {
  const { app, stored } = await server();
  const answer = await injectAuthed(app, {
    method: 'PUT',
    url: '/v1/regions/data/entries/k',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ value: 'x'.repeat(REQUEST_BODY_BYTES_MAX) }),
  });
  assert.equal(answer.statusCode, 413);
  assert.equal(answer.json<{ code: string }>().code, 'WAN_ERR_BODY_TOO_LARGE');
  assert.deepEqual(stored, []);
  await app.close();
});
