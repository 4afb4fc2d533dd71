import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pino } from 'pino';
import { bearer } from '../../contract/control-api/auth.js';
import { createControlServer } from './http-server.js';
import { TEST_CONTROL_TOKEN } from './test-token.js';

async function server(): Promise<ReturnType<typeof createControlServer>> {
  const app = createControlServer(pino({ level: 'silent' }), { token: TEST_CONTROL_TOKEN });
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/v1/regions', async () => ({ regions: [] }));
  await app.ready();
  return app;
}

test('/health answers anyone; every other route, known or not, needs the token', async () => {
  const app = await server();
  const status = async (url: string, authorization?: string): Promise<[number, string?]> => {
    const answer = await app.inject({
      method: 'GET',
      url,
      headers: authorization === undefined ? {} : { authorization },
    });
    return answer.statusCode === 200
      ? [200]
      : [answer.statusCode, answer.json<{ code: string }>().code];
  };
  assert.deepEqual(await status('/health'), [200]);
  // Past the token check without one: refused only for the query parameter it does not have.
  assert.deepEqual(await status('/health?x=1'), [400, 'WAN_ERR_BAD_REQUEST']);
  const refused = [401, 'WAN_ERR_UNAUTHORIZED'];
  assert.deepEqual(await status('/v1/regions'), refused);
  assert.deepEqual(await status('/v1/nothing'), refused);
  assert.deepEqual(await status('/health/../v1/regions'), refused);
  assert.deepEqual(await status('/v1/regions', bearer(`${TEST_CONTROL_TOKEN}x`)), refused);
  assert.deepEqual(await status('/v1/regions', `Basic ${TEST_CONTROL_TOKEN}`), refused);
  assert.deepEqual(await status('/v1/regions', TEST_CONTROL_TOKEN), refused);
  assert.deepEqual(await status('/v1/regions', bearer(TEST_CONTROL_TOKEN)), [200]);
  assert.deepEqual(await status('/v1/nothing', bearer(TEST_CONTROL_TOKEN)), [
    404,
    'WAN_ERR_NOT_FOUND',
  ]);
  await app.close();
});

test('a refusal says what is missing and where the token is, never the token itself', async () => {
  const app = await server();
  const answer = await app.inject({ method: 'GET', url: '/v1/regions' });
  assert.equal(answer.headers['www-authenticate'], 'Bearer');
  const body = answer.json<{ code: string; message: string; hint: string }>();
  assert.match(body.message, /no token/);
  assert.match(body.hint, /Authorization: Bearer/);
  assert.ok(!JSON.stringify(body).includes(TEST_CONTROL_TOKEN));
  await app.close();
});
