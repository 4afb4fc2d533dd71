import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { ManualClock } from '../clock.js';
import { validateConfig } from '../config/load-config.js';
import { MemberConfigSchema } from '../config/member-config.js';
import { createLogger } from '../log.js';
import { Member } from '../member/member.js';
import { seededRandom } from '../random.js';
import { injectAuthed, TEST_CONTROL_TOKEN } from './test-token.js';
import { createControlServer } from './http-server.js';
import { memberRoutes } from './member-routes.js';
import { serveOpenApi } from './openapi.js';

/** A member alone in its site (no locator answers), started, with its control API. */
async function app(t: TestContext) {
  const config = validateConfig(
    MemberConfigSchema,
    {
      name: 'm1',
      site: { name: 's1', distributedSystemId: 1 },
      locators: ['127.0.0.1:1'],
      control: { host: '127.0.0.1', port: 0, token: TEST_CONTROL_TOKEN },
      dataDir: '/tmp/unused',
      regions: [{ name: 'data' }],
    },
    'test',
  );
  const logger = createLogger({ level: 'error', name: 'm1', site: 's1' });
  const member = new Member(config, {
    clock: new ManualClock(),
    logger,
    random: seededRandom(1),
    controlUrl: () => '',
  });
  const server = createControlServer(logger, { token: TEST_CONTROL_TOKEN });
  serveOpenApi(server, 'member');
  memberRoutes(server, member, 0);
  await member.start();
  t.after(() => member.stop());
  return server;
}

test('a put is applied and read back with its version', async (t) => {
  const server = await app(t);
  const put = await injectAuthed(server, {
    method: 'PUT',
    url: '/v1/regions/data/entries/k',
    payload: { value: 'v' },
  });
  assert.equal(put.statusCode, 200);
  assert.equal(put.json().op, 'create');
  const get = await injectAuthed(server, { method: 'GET', url: '/v1/regions/data/entries/k' });
  assert.deepEqual([get.json().value, get.json().version.dsid], ['v', 1]);
});

test('a body that does not match the schema is a 400 with a code, never a crash', async (t) => {
  const server = await app(t);
  for (const payload of [{}, { value: 'v', extra: 1 }, { value: 'v', thread: -1 }]) {
    const response = await injectAuthed(server, {
      method: 'PUT',
      url: '/v1/regions/data/entries/k',
      payload,
    });
    assert.equal(response.statusCode, 400, JSON.stringify(payload));
    assert.equal(response.json().code, 'WAN_ERR_BAD_REQUEST');
  }
  const clock = await injectAuthed(server, {
    method: 'PUT',
    url: '/v1/clock',
    payload: { offsetMs: '12' },
  });
  assert.equal(clock.statusCode, 400);
  const garbage = await injectAuthed(server, {
    method: 'PUT',
    url: '/v1/clock',
    headers: { 'content-type': 'application/json' },
    payload: '{not json',
  });
  assert.equal(garbage.statusCode, 400);
});

test('unknown regions, senders and routes are 404 with the defined names as hint', async (t) => {
  const server = await app(t);
  const region = await injectAuthed(server, { method: 'GET', url: '/v1/regions/nope/size' });
  assert.equal(region.statusCode, 404);
  assert.match(region.json().hint, /data/);
  assert.equal(
    (await injectAuthed(server, { method: 'POST', url: '/v1/senders/nope/pause' })).statusCode,
    404,
  );
  assert.equal(
    (await injectAuthed(server, { method: 'GET', url: '/v1/nothing' })).json().code,
    'WAN_ERR_NOT_FOUND',
  );
});

test('the OpenAPI description lists the validated routes', async (t) => {
  const server = await app(t);
  const doc = (await injectAuthed(server, { method: 'GET', url: '/v1/openapi.json' })).json();
  assert.ok(doc.paths['/v1/regions/{region}/entries/{key}'].put.requestBody);
  assert.ok(doc.paths['/v1/clock'].put);
});

test('GET /metrics answers Prometheus text; it is in the OpenAPI document as text/plain', async (t) => {
  const server = await app(t);
  // Like every route but /health, it needs the token (a scraper sends it as a bearer token).
  assert.equal((await server.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
  const metrics = await injectAuthed(server, { method: 'GET', url: '/metrics' });
  assert.equal(metrics.statusCode, 200);
  assert.match(String(metrics.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  assert.match(
    metrics.body,
    /^# HELP wanlab_member_info .*\n# TYPE wanlab_member_info gauge\nwanlab_member_info\{member="m1",distributed_system_id="1",version="[^"]+"\} 1\n/,
  );
  // A member without senders or receiver: its identity and its process, nothing else.
  const families = [...metrics.body.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
  assert.deepEqual(families, [
    'wanlab_member_info',
    'process_resident_memory_bytes',
    'nodejs_heap_size_used_bytes',
    'nodejs_external_memory_bytes',
  ]);
  assert.match(metrics.body, /^process_resident_memory_bytes [1-9]\d*$/m);
  const openapi = await injectAuthed(server, { method: 'GET', url: '/v1/openapi.json' });
  const content = openapi.json().paths['/metrics'].get.responses['200'].content;
  assert.deepEqual(Object.keys(content), ['text/plain; version=0.0.4']);
});

test('a value outside a union of literals is a 400 naming every allowed value', async (t) => {
  const server = await app(t);
  const answer = await injectAuthed(server, {
    method: 'POST',
    url: '/v1/transactions',
    payload: { operations: [{ op: 'update', region: 'data', key: 'k', value: 1 }] },
  });
  assert.equal(answer.statusCode, 400);
  assert.equal(answer.json().code, 'WAN_ERR_BAD_REQUEST');
  assert.equal(answer.json().message, 'body /operations/0/op: must be one of "put", "destroy"');
});
