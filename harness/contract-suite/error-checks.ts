import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertError } from './contract-client.js';
import { SERIAL, type SuiteContext } from './suite-context.js';

const ENTRY = '/v1/regions/:region/entries/:key';

/** Every refusal has the error shape, a catalogued code and that code's HTTP status. */
export function errorChecks(ctx: SuiteContext): void {
  describe('errors', () => {
    it('an unknown route is 404 WAN_ERR_NOT_FOUND', async () => {
      const answer = await ctx.origin.raw('GET', '/v1/no-such-route');
      assertError(answer, 'GET /v1/no-such-route');
      assert.equal((answer.body as { code: string }).code, 'WAN_ERR_NOT_FOUND');
    });

    it('without the control token only /health answers: the rest is 401 WAN_ERR_UNAUTHORIZED', async () => {
      for (const client of [ctx.origin, ctx.locator(ctx.deployment.locators()[0]!.name)]) {
        assert.equal((await client.raw('GET', '/health', { token: null })).status, 200);
        for (const [method, path, token] of [
          ['GET', '/v1/openapi.json', null],
          ['GET', '/v1/no-such-route', null],
          ['GET', '/v1/openapi.json', 'a-wrong-token-of-enough-length'],
        ] as const) {
          const answer = await client.raw(method, path, { token });
          assertError(answer, `${method} ${path} without the token`);
          assert.equal((answer.body as { code: string }).code, 'WAN_ERR_UNAUTHORIZED');
        }
      }
      await ctx.origin.refused(
        'PUT',
        ENTRY,
        { params: { region: SERIAL.region, key: 'c-stranger' }, body: { value: 1 }, token: null },
        { status: 401, code: 'WAN_ERR_UNAUTHORIZED' },
      );
      await ctx.origin.refused(
        'GET',
        ENTRY,
        { params: { region: SERIAL.region, key: 'c-stranger' } },
        { status: 404, code: 'WAN_ERR_NO_ENTRY' },
      );
    });

    it('an unknown region or sender is named by its own code', async () => {
      await ctx.origin.refused(
        'GET',
        '/v1/regions/:region/size',
        { params: { region: 'no-such-region' } },
        { status: 404, code: 'WAN_ERR_REGION_UNKNOWN' },
      );
      await ctx.origin.refused(
        'PUT',
        ENTRY,
        { params: { region: 'no-such-region', key: 'k' }, body: { value: 1 } },
        { status: 404, code: 'WAN_ERR_REGION_UNKNOWN' },
      );
      await ctx.origin.refused(
        'POST',
        '/v1/senders/:id/pause',
        { params: { id: 'no-such-sender' } },
        { status: 404, code: 'WAN_ERR_SENDER_UNKNOWN' },
      );
    });

    it('a body that does not match its route is 400 WAN_ERR_BAD_REQUEST, nothing coerced', async () => {
      const bad = { status: 400, code: 'WAN_ERR_BAD_REQUEST' };
      const params = { region: SERIAL.region, key: 'c-bad' };
      await ctx.origin.refused('PUT', ENTRY, { params, body: { nothing: 1 } }, bad);
      await ctx.origin.refused('PUT', ENTRY, { params, body: { value: 1, extra: 2 } }, bad);
      await ctx.origin.refused('PUT', ENTRY, { params, body: { value: 1, thread: '3' } }, bad);
      await ctx.origin.refused('PUT', ENTRY, { params, rawBody: '{"value":' }, bad);
      await ctx.origin.refused(
        'POST',
        '/v1/regions/:region/putAll',
        { params: { region: SERIAL.region }, body: { entries: [] } },
        bad,
      );
      await ctx.origin.refused(
        'GET',
        '/v1/regions/:region/entries',
        { params: { region: 'x'.repeat(300) } },
        bad,
      );
      await ctx.origin.refused('GET', ENTRY, { params }, { status: 404, code: 'WAN_ERR_NO_ENTRY' });
    });
  });
}
