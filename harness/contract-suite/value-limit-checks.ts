import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  REQUEST_BODY_BYTES_MAX,
  VALUE_BYTES_MAX,
  VALUE_DEPTH_MAX,
  travellingVersion,
  type EntryBody,
  type WriteResult,
} from '../../contract/index.js';
import { SERIAL, type SuiteContext } from './suite-context.js';

const ENTRY = '/v1/regions/:region/entries/:key';

/** `[[[...0...]]]`, `depth` arrays deep. */
function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/**
 * Value limits (contract/value-limits.ts): a value over a limit is refused with its code and
 * nothing is stored; a value at the limits is stored and replicates (issue 18: a value 1 500
 * levels deep was accepted and then failed every send).
 */
export function valueLimitChecks(ctx: SuiteContext): void {
  describe('value limits', () => {
    it(`a value nested ${VALUE_DEPTH_MAX + 1} levels is 400 WAN_ERR_VALUE_TOO_DEEP, nothing stored`, async () => {
      const deep = { region: SERIAL.region, key: 'c-too-deep' };
      await ctx.origin.refused(
        'PUT',
        ENTRY,
        { params: deep, body: { value: nested(VALUE_DEPTH_MAX + 1) } },
        { status: 400, code: 'WAN_ERR_VALUE_TOO_DEEP' },
      );
      // 10 000 levels once answered 500 after storing the value, and broke the listings.
      await ctx.origin.refused(
        'PUT',
        ENTRY,
        { params: deep, rawBody: `{"value":${'['.repeat(10_000)}${']'.repeat(10_000)}}` },
        { status: 400, code: 'WAN_ERR_VALUE_TOO_DEEP' },
      );
      await ctx.origin.refused(
        'GET',
        ENTRY,
        { params: deep },
        { status: 404, code: 'WAN_ERR_NO_ENTRY' },
      );
      await ctx.origin.ok('GET', '/v1/events', { query: { limit: 10 } });
    });

    it('a value over 1 MiB is 413 WAN_ERR_VALUE_TOO_LARGE; in a putAll, none of its entries is stored', async () => {
      const large = { region: SERIAL.region, key: 'c-too-large' };
      await ctx.origin.refused(
        'PUT',
        ENTRY,
        { params: large, body: { value: 'x'.repeat(VALUE_BYTES_MAX) } },
        { status: 413, code: 'WAN_ERR_VALUE_TOO_LARGE' },
      );
      const refused = await ctx.origin.refused(
        'POST',
        '/v1/regions/:region/putAll',
        {
          params: { region: SERIAL.region },
          body: {
            entries: [
              { key: 'c-all-1', value: 1 },
              { key: 'c-all-2', value: nested(VALUE_DEPTH_MAX + 1) },
            ],
          },
        },
        { status: 400, code: 'WAN_ERR_VALUE_TOO_DEEP' },
      );
      assert.match(refused.message, /entries\[1\]\.value/);
      await ctx.origin.refused(
        'GET',
        ENTRY,
        { params: { region: SERIAL.region, key: 'c-all-1' } },
        { status: 404, code: 'WAN_ERR_NO_ENTRY' },
      );
    });

    it('a request body over 16 MiB is 413 WAN_ERR_BODY_TOO_LARGE', async () => {
      const entries = Array.from({ length: 20 }, (_, i) => ({
        key: `c-body-${i}`,
        value: 'x'.repeat(REQUEST_BODY_BYTES_MAX / 16),
      }));
      await ctx.origin.refused(
        'POST',
        '/v1/regions/:region/putAll',
        { params: { region: SERIAL.region }, body: { entries } },
        { status: 413, code: 'WAN_ERR_BODY_TOO_LARGE' },
      );
    });

    it(`a value at the limits (${VALUE_DEPTH_MAX} levels, near 1 MiB) is stored and replicates`, async () => {
      const values = {
        'c-deepest': nested(VALUE_DEPTH_MAX),
        'c-largest': 'y'.repeat(VALUE_BYTES_MAX - 2),
      };
      for (const [key, value] of Object.entries(values)) {
        const params = { region: SERIAL.region, key };
        const written = await ctx.origin.ok<WriteResult>('PUT', ENTRY, { params, body: { value } });
        const remote = await ctx.eventually(
          `site 2 to hold ${key}`,
          () => ctx.remote.call<EntryBody>('GET', ENTRY, { params }),
          (answer) => answer.status === 200,
        );
        // The member stays behind (travellingVersion): Geode names the receiving member.
        const { version, ...rest } = remote.body;
        assert.deepEqual(
          { ...rest, version: travellingVersion(version) },
          { key, value, version: travellingVersion(written.version) },
        );
      }
    });
  });
}
