import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { injectAuthed, TEST_CONTROL_TOKEN } from './test-token.js';
import { createControlServer } from './http-server.js';

/** A server with two contract routes on one path and one without parameters. */
async function server(): Promise<ReturnType<typeof createControlServer>> {
  const app = createControlServer(pino({ level: 'silent' }), { token: TEST_CONTROL_TOKEN });
  app.get('/v1/senders/:id', async () => ({ ok: true }));
  app.patch('/v1/senders/:id', async () => ({ ok: true }));
  app.get('/v1/senders', async () => ({ senders: [] }));
  await app.ready();
  return app;
}

test('a known path with another method is 405 with Allow; an unknown path stays 404', async () => {
  const app = await server();
  const wrong = await injectAuthed(app, { method: 'DELETE', url: '/v1/senders/s1' });
  assert.equal(wrong.statusCode, 405);
  assert.equal(wrong.json<{ code: string }>().code, 'WAN_ERR_METHOD_NOT_ALLOWED');
  assert.equal(wrong.headers['allow'], 'GET, HEAD, PATCH');
  const unknown = await injectAuthed(app, { method: 'DELETE', url: '/v1/nothing/here' });
  assert.equal(unknown.statusCode, 404);
  await app.close();
});

test('OPTIONS and a method with a body the path lacks are 405, not 404', async () => {
  const app = await server();
  for (const method of ['OPTIONS', 'PUT'] as const) {
    const answer = await injectAuthed(app, { method, url: '/v1/senders' });
    assert.equal(answer.statusCode, 405, method);
  }
  await app.close();
});

test('a query parameter the route does not declare is 400, never ignored', async () => {
  const app = await server();
  const answer = await injectAuthed(app, { method: 'GET', url: '/v1/senders?verbose=1' });
  assert.equal(answer.statusCode, 400);
  assert.match(answer.json<{ message: string }>().message, /verbose|additional/);
  const plain = await injectAuthed(app, { method: 'GET', url: '/v1/senders' });
  assert.equal(plain.statusCode, 200);
  await app.close();
});
