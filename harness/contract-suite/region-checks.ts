import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  ClearResult,
  EntriesBody,
  EntryBody,
  PutAllResult,
  RegionInfo,
  RegionList,
  SizeBody,
  TransactionResult,
  WriteResult,
} from '../../contract/index.js';
import { travellingVersion } from '../../contract/index.js';
import { ORIGIN, PARALLEL, SERIAL, type SuiteContext } from './suite-context.js';

const ENTRY = '/v1/regions/:region/entries/:key';

/** Regions and entries: every write answers its event's version, and the remote site gets it. */
export function regionChecks(ctx: SuiteContext): void {
  describe('regions and entries', () => {
    it('lists the planned regions with their types and sizes', async () => {
      const list = await ctx.origin.ok<RegionList>('GET', '/v1/regions');
      assert.deepEqual(
        list.regions.map((r) => [r.name, r.type]).sort(),
        [
          [SERIAL.region, 'replicated'],
          [PARALLEL.region, 'partitioned'],
        ].sort(),
      );
      const one = await ctx.origin.ok<RegionInfo>('GET', '/v1/regions/:region', {
        params: { region: SERIAL.region },
      });
      assert.equal(one.name, SERIAL.region);
    });

    it('put creates then updates, each with a version; get answers the latest', async () => {
      const params = { region: SERIAL.region, key: 'c-put' };
      const created = await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
        params,
        body: { value: { n: 1 } },
      });
      assert.equal(created.op, 'create');
      assert.equal(created.version.dsid, ORIGIN.id);
      const updated = await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
        params,
        body: { value: { n: 2 } },
      });
      assert.equal(updated.op, 'update');
      assert.ok(updated.version.entryVersion > created.version.entryVersion);
      assert.ok(updated.version.timestamp >= created.version.timestamp);
      const entry = await ctx.origin.ok<EntryBody>('GET', ENTRY, { params });
      assert.deepEqual(entry, { key: 'c-put', value: { n: 2 }, version: updated.version });
    });

    it('a key as long as the contract allows (4096 characters) is a key like any other', async () => {
      const params = { region: SERIAL.region, key: `c-long-${'k'.repeat(4089)}` };
      assert.equal(params.key.length, 4096);
      await ctx.origin.ok<WriteResult>('PUT', ENTRY, { params, body: { value: 'long' } });
      const entry = await ctx.origin.ok<EntryBody>('GET', ENTRY, { params });
      assert.equal(entry.value, 'long');
      await ctx.origin.ok<WriteResult>('DELETE', ENTRY, { params });
    });

    it('a remote site ends with the same value and version', async () => {
      const params = { region: SERIAL.region, key: 'c-remote' };
      const written = await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
        params,
        body: { value: 'v' },
      });
      const remote = await ctx.eventually(
        'site 2 to hold c-remote',
        () => ctx.remote.call<EntryBody>('GET', ENTRY, { params }),
        (answer) => answer.status === 200,
      );
      assert.deepEqual([remote.body.key, remote.body.value], ['c-remote', 'v']);
      assert.deepEqual(travellingVersion(remote.body.version), travellingVersion(written.version));
    });

    it('destroy answers its event; then get and destroy answer 404 WAN_ERR_NO_ENTRY', async () => {
      const params = { region: SERIAL.region, key: 'c-destroy' };
      await ctx.origin.ok('PUT', ENTRY, { params, body: { value: 1 } });
      const destroyed = await ctx.origin.ok<WriteResult>('DELETE', ENTRY, { params });
      assert.equal(destroyed.op, 'destroy');
      const noEntry = { status: 404, code: 'WAN_ERR_NO_ENTRY' };
      await ctx.origin.refused('GET', ENTRY, { params }, noEntry);
      await ctx.origin.refused('DELETE', ENTRY, { params }, noEntry);
    });

    it('putAll answers one event and one version per key, in order; size and entries count them', async () => {
      const region = PARALLEL.region;
      const keys = ['c-all-1', 'c-all-2', 'c-all-3'];
      const answer = await ctx.origin.ok<PutAllResult>('POST', '/v1/regions/:region/putAll', {
        params: { region },
        body: { entries: keys.map((key, i) => ({ key, value: i })) },
      });
      assert.deepEqual(
        answer.results.map((r) => [r.key, r.op]),
        keys.map((key) => [key, 'create']),
      );
      const size = await ctx.origin.ok<SizeBody>('GET', '/v1/regions/:region/size', {
        params: { region },
      });
      assert.ok(size.size >= keys.length);
      const entries = await ctx.origin.ok<EntriesBody>('GET', '/v1/regions/:region/entries', {
        params: { region },
      });
      for (const result of answer.results) {
        const entry = entries.entries.find((e) => e.key === result.key);
        assert.deepEqual(entry?.version, result.version, result.key);
      }
    });

    it('clear empties this member only and says how many entries went', async () => {
      const params = { region: SERIAL.region };
      await ctx.remote.ok('PUT', ENTRY, {
        params: { ...params, key: 'c-clear' },
        body: { value: 1 },
      });
      const before = await ctx.remote.ok<SizeBody>('GET', '/v1/regions/:region/size', { params });
      const cleared = await ctx.remote.ok<ClearResult>('POST', '/v1/regions/:region/clear', {
        params,
      });
      assert.equal(cleared.cleared, before.size);
      const after = await ctx.remote.ok<SizeBody>('GET', '/v1/regions/:region/size', { params });
      assert.equal(after.size, 0);
    });

    it(
      'a transaction applies all its operations or none',
      { skip: ctx.skipUnless('transactions') },
      async () => {
        const region = SERIAL.region;
        await ctx.origin.ok('PUT', ENTRY, {
          params: { region, key: 'c-tx-0' },
          body: { value: 0 },
        });
        const committed = await ctx.origin.ok<TransactionResult>('POST', '/v1/transactions', {
          body: {
            operations: [
              { op: 'put', region, key: 'c-tx-1', value: 1 },
              { op: 'put', region, key: 'c-tx-2', value: 2 },
              { op: 'destroy', region, key: 'c-tx-0' },
            ],
          },
        });
        assert.deepEqual(
          committed.events.map((e) => [e.key, e.op]),
          [
            ['c-tx-1', 'create'],
            ['c-tx-2', 'create'],
            ['c-tx-0', 'destroy'],
          ],
        );
        await ctx.origin.refused(
          'POST',
          '/v1/transactions',
          {
            body: {
              operations: [
                { op: 'put', region, key: 'c-tx-3', value: 3 },
                { op: 'destroy', region, key: 'c-tx-missing' },
              ],
            },
          },
          { status: 400, code: 'WAN_ERR_BAD_REQUEST' },
        );
        await ctx.origin.refused(
          'GET',
          ENTRY,
          { params: { region, key: 'c-tx-3' } },
          { status: 404, code: 'WAN_ERR_NO_ENTRY' },
        );
      },
    );

    it(
      'a transaction writing one key twice answers one event per operation',
      { skip: ctx.skipUnless('transaction-repeated-keys') },
      async () => {
        const region = SERIAL.region;
        const committed = await ctx.origin.ok<TransactionResult>('POST', '/v1/transactions', {
          body: {
            operations: [
              { op: 'put', region, key: 'c-txr-1', value: 1 },
              { op: 'put', region, key: 'c-txr-2', value: 2 },
              { op: 'destroy', region, key: 'c-txr-1' },
            ],
          },
        });
        assert.deepEqual(
          committed.events.map((e) => [e.key, e.op]),
          [
            ['c-txr-1', 'create'],
            ['c-txr-2', 'create'],
            ['c-txr-1', 'destroy'],
          ],
        );
      },
    );
  });
}
