import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONFLICT_STATISTICS,
  type BucketsStatus,
  type ClockAnswer,
  type ClusterView,
  type ConflictStatus,
  type DroppedEvents,
  type EventsPage,
  type LocatorView,
  type ReceiptsPage,
  type SenderStatus,
  type WanCopyStatus,
  type WriteResult,
} from '../../contract/index.js';
import { travellingVersion } from '../../contract/index.js';
import { ORIGIN, PARALLEL, REMOTE, SERIAL, type SuiteContext } from './suite-context.js';

const ENTRY = '/v1/regions/:region/entries/:key';

/**
 * The routes of capabilities: checked where the engine declares the capability, skipped with
 * the reason where it does not (an engine must not claim what it cannot do).
 */
export function capabilityChecks(ctx: SuiteContext): void {
  describe('capabilities', () => {
    it(
      'applied-log: both sites log the event, the remote one with the sending site',
      { skip: ctx.skipUnless('applied-log') },
      async () => {
        const start = await ctx.remote.ok<EventsPage>('GET', '/v1/events', {
          query: { after: 0, limit: 1 },
        });
        const written = await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
          params: { region: SERIAL.region, key: 'c-log' },
          body: { value: 'logged' },
        });
        const remote = await ctx.eventually(
          'site 2 to log the event',
          () => ctx.remote.ok<EventsPage>('GET', '/v1/events', { query: { after: start.lastSeq } }),
          (page) => page.events.some((e) => e.event.key === 'c-log'),
        );
        const applied = remote.events.find((e) => e.event.key === 'c-log')!;
        assert.deepEqual(
          [
            applied.source,
            applied.fromDsid,
            applied.event.originDsid,
            travellingVersion(applied.event.version),
          ],
          ['remote', ORIGIN.id, ORIGIN.id, travellingVersion(written.version)],
        );
        assert.ok(applied.event.recipients.includes(REMOTE.id));
      },
    );

    it(
      'receipt-log: the receiver says what it made of the event',
      { skip: ctx.skipUnless('receipt-log') },
      async () => {
        await ctx.origin.ok('PUT', ENTRY, {
          params: { region: SERIAL.region, key: 'c-receipt' },
          body: { value: 1 },
        });
        const page = await ctx.eventually(
          'site 2 to receipt the event',
          () => ctx.remote.ok<ReceiptsPage>('GET', '/v1/receipts', { query: { after: 0 } }),
          (p) => p.receipts.some((r) => r.event.key === 'c-receipt'),
        );
        const receipt = page.receipts.find((r) => r.event.key === 'c-receipt')!;
        assert.deepEqual([receipt.outcome, receipt.fromDsid], ['applied', ORIGIN.id]);
      },
    );

    it(
      'clock-offset: an offset moves the clock and the versions it stamps',
      { skip: ctx.skipUnless('clock-offset') },
      async () => {
        try {
          const clock = await ctx.origin.ok<ClockAnswer>('PUT', '/v1/clock', {
            body: { offsetMs: 60_000 },
          });
          assert.equal(clock.offsetMs, 60_000);
          assert.ok(
            Math.abs(clock.nowMs - (Date.now() + 60_000)) < 5_000,
            'the clock runs a minute ahead',
          );
          const written = await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
            params: { region: SERIAL.region, key: 'c-clock' },
            body: { value: 1 },
          });
          assert.ok(written.version.timestamp > Date.now() + 50_000);
          await ctx.origin.refused(
            'PUT',
            '/v1/clock',
            { body: { offsetMs: '12' } },
            { status: 400, code: 'WAN_ERR_BAD_REQUEST' },
          );
        } finally {
          await ctx.origin.ok('PUT', '/v1/clock', { body: { offsetMs: 0 } });
        }
      },
    );

    it(
      'clock-fixed: a fixed clock answers the same instant until it runs again',
      { skip: ctx.skipUnless('clock-fixed') },
      async () => {
        const fixedAtMs = Date.now() - 10_000;
        try {
          const fixed = await ctx.origin.ok<ClockAnswer>('PUT', '/v1/clock', {
            body: { offsetMs: 0, fixedAtMs },
          });
          assert.equal(fixed.fixedAtMs, fixedAtMs);
          const again = await ctx.origin.ok<ClockAnswer>('GET', '/v1/clock');
          assert.equal(again.nowMs, fixedAtMs);
        } finally {
          const running = await ctx.origin.ok<ClockAnswer>('PUT', '/v1/clock', {
            body: { offsetMs: 0 },
          });
          assert.equal(running.fixedAtMs, undefined);
        }
      },
    );

    it(
      'conflict-statistics: every region has its settings and counters',
      { skip: ctx.skipUnless('conflict-statistics') },
      async () => {
        const status = await ctx.remote.ok<ConflictStatus>('GET', '/v1/regions/:region/conflicts', {
          params: { region: SERIAL.region },
        });
        assert.equal(status.region, SERIAL.region);
        for (const name of Object.keys(CONFLICT_STATISTICS)) {
          assert.ok(Number.isInteger((status.stats as Record<string, number>)[name]), name);
        }
      },
    );

    it(
      'cluster-view: a member sees its site, itself included',
      { skip: ctx.skipUnless('cluster-view') },
      async () => {
        const view = await ctx.origin.ok<ClusterView>('GET', '/v1/cluster');
        assert.equal(view.self, ORIGIN.member);
        assert.deepEqual(
          view.members.map((m) => m.name),
          [ORIGIN.member],
        );
      },
    );

    it(
      'locator-view: a locator knows every site and the remote receivers',
      { skip: ctx.skipUnless('locator-view') },
      async () => {
        const view = await ctx.locator(ORIGIN.locator).ok<LocatorView>('GET', '/v1/view');
        assert.equal(view.distributedSystemId, ORIGIN.id);
        assert.deepEqual([...view.sites].sort(), [ORIGIN.id, REMOTE.id]);
        assert.ok(view.receivers.some((r) => r.dsid === REMOTE.id && r.name === REMOTE.member));
        assert.deepEqual(
          view.membership.members.map((m) => m.name),
          [ORIGIN.member],
        );
      },
    );

    it(
      'bucket-status: every bucket of a partitioned region has its primary',
      { skip: ctx.skipUnless('bucket-status') },
      async () => {
        const status = await ctx.origin.ok<BucketsStatus>('GET', '/v1/regions/:region/buckets', {
          params: { region: PARALLEL.region },
        });
        assert.deepEqual(
          [status.type, status.totalBuckets, status.buckets.length],
          ['partitioned', 13, 13],
        );
        assert.ok(status.buckets.every((b) => b.primary === ORIGIN.member));
        const written = await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
          params: { region: PARALLEL.region, key: 'c-bucket' },
          body: { value: 1 },
        });
        assert.ok(written.bucket !== undefined && written.bucket >= 0 && written.bucket < 13);
      },
    );

    it(
      'dropped-events-log: a stopped parallel sender lists what it dropped',
      { skip: ctx.skipUnless('dropped-events-log') },
      async () => {
        const id = { params: { id: PARALLEL.sender } };
        const region = PARALLEL.region;
        await ctx.eventually(
          'the parallel sender to be idle',
          () => ctx.origin.ok<SenderStatus>('GET', '/v1/senders/:id', id),
          (s) => s.queue.size === 0,
        );
        const before = await ctx.origin.ok<DroppedEvents>('GET', '/v1/senders/:id/dropped', id);
        // One event queued when the sender stops, one arriving after: an engine drops at least
        // one of them (STOP-4), and lists only those.
        await ctx.origin.ok('POST', '/v1/senders/:id/pause', id);
        await ctx.origin.ok('PUT', ENTRY, {
          params: { region, key: 'c-queued' },
          body: { value: 1 },
        });
        await ctx.origin.ok('POST', '/v1/senders/:id/stop', id);
        try {
          await ctx.origin.ok('PUT', ENTRY, {
            params: { region, key: 'c-incoming' },
            body: { value: 2 },
          });
          const after = await ctx.origin.ok<DroppedEvents>('GET', '/v1/senders/:id/dropped', id);
          const added = after.total - before.total;
          assert.ok(added >= 1 && added <= 2, `${added} events dropped`);
          const keys = after.events.slice(-added).map((e) => e.key);
          assert.ok(
            keys.every((k) => k === 'c-queued' || k === 'c-incoming'),
            keys.join(),
          );
        } finally {
          await ctx.origin.ok('POST', '/v1/senders/:id/start', id);
        }
      },
    );

    it(
      'sender-rebalance: a parallel sender reconnects; a serial one refuses',
      { skip: ctx.skipUnless('sender-rebalance') },
      async () => {
        const status = await ctx.origin.ok<SenderStatus>('POST', '/v1/senders/:id/rebalance', {
          params: { id: PARALLEL.sender },
        });
        assert.equal(status.id, PARALLEL.sender);
        await ctx.origin.refused(
          'POST',
          '/v1/senders/:id/rebalance',
          { params: { id: SERIAL.sender } },
          { status: 409, code: 'WAN_ERR_SENDER_KIND' },
        );
      },
    );

    it(
      'dispatcher-status: one lane per dispatcher, with its counts',
      { skip: ctx.skipUnless('dispatcher-status') },
      async () => {
        const status = await ctx.origin.ok<SenderStatus>('GET', '/v1/senders/:id', {
          params: { id: SERIAL.sender },
        });
        assert.equal(status.dispatchers.length, status.attributes.dispatcherThreads);
        assert.deepEqual(
          status.dispatchers.map((d) => d.index),
          [0, 1],
        );
      },
    );

    it(
      'prometheus-metrics: GET /metrics is Prometheus text with the serial sender counted',
      { skip: ctx.skipUnless('prometheus-metrics') },
      async () => {
        const response = await ctx.origin.text('/metrics');
        assert.equal(response.status, 200);
        assert.match(response.contentType, /^text\/plain; version=0\.0\.4/);
        const { text } = response;
        assert.match(text, /^# TYPE wanlab_gateway_sender_events_queued_total counter$/m);
        assert.match(
          text,
          new RegExp(
            `^wanlab_gateway_sender_events_queued_total\\{[^}]*sender="${SERIAL.sender}"[^}]*\\} \\d+$`,
            'm',
          ),
        );
      },
    );

    it(
      'runtime-receiver-create: a member has one receiver at most (RECV-4)',
      { skip: ctx.skipUnless('runtime-receiver-create') },
      async () => {
        await ctx.remote.refused(
          'POST',
          '/v1/receiver',
          { body: { startPort: 1, endPort: 1 } },
          { status: 409, code: 'WAN_ERR_RECEIVER_EXISTS' },
        );
      },
    );

    it(
      'wan-copy: a partitioned region copied through its parallel sender; refusals (GEODE-7)',
      { skip: ctx.skipUnless('wan-copy') },
      async () => {
        for (const key of ['c-copy-1', 'c-copy-2', 'c-copy-3']) {
          await ctx.origin.ok<WriteResult>('PUT', ENTRY, {
            params: { region: PARALLEL.region, key },
            body: { value: key },
          });
        }
        const started = await ctx.origin.ok<WanCopyStatus>('POST', '/v1/regions/:region/wan-copy', {
          params: { region: PARALLEL.region },
          body: { senderId: PARALLEL.sender, batchSize: 2 },
        });
        const ended = await ctx.eventually(
          'the wan-copy to end',
          () =>
            ctx.origin.ok<WanCopyStatus>('GET', '/v1/wan-copies/:id', {
              params: { id: started.id },
            }),
          (status) => status.state !== 'running',
        );
        assert.equal(ended.state, 'done', JSON.stringify(ended));
        assert.ok(ended.total >= 3 && ended.copied === ended.total, JSON.stringify(ended));
        await ctx.origin.refused(
          'POST',
          '/v1/regions/:region/wan-copy',
          { params: { region: SERIAL.region }, body: { senderId: PARALLEL.sender } },
          { status: 400, code: 'WAN_ERR_SENDER_NOT_ATTACHED' },
        );
        await ctx.origin.refused(
          'GET',
          '/v1/wan-copies/:id',
          { params: { id: 'no-such-copy' } },
          { status: 404, code: 'WAN_ERR_WAN_COPY_UNKNOWN' },
        );
      },
    );

    it(
      'runtime-destroy: a sender in use is not destroyed; a region and its sender destroyed and created again (GEODE-5, GEODE-6)',
      { skip: ctx.skipUnless('runtime-destroy') },
      async () => {
        const region = { params: { region: SERIAL.region } };
        const sender = { params: { id: SERIAL.sender } };
        const inUse = await ctx.origin.refused('DELETE', '/v1/senders/:id', sender, {
          status: 409,
          code: 'WAN_ERR_SENDER_IN_USE',
        });
        assert.ok(inUse.message.includes(SERIAL.region), inUse.message);
        await ctx.origin.ok('DELETE', '/v1/regions/:region', region);
        await ctx.origin.refused('GET', '/v1/regions/:region', region, {
          status: 404,
          code: 'WAN_ERR_REGION_UNKNOWN',
        });
        await ctx.origin.ok('DELETE', '/v1/senders/:id', sender);
        await ctx.origin.refused('GET', '/v1/senders/:id', sender, {
          status: 404,
          code: 'WAN_ERR_SENDER_UNKNOWN',
        });
        await ctx.origin.ok('POST', '/v1/senders/:id', sender);
        await ctx.origin.ok('POST', '/v1/regions/:region', region);
        await ctx.origin.refused('POST', '/v1/regions/:region', region, {
          status: 409,
          code: 'WAN_ERR_REGION_EXISTS',
        });
        const status = await ctx.origin.ok<SenderStatus>('GET', '/v1/senders/:id', sender);
        assert.equal(status.running, true);
      },
    );
  });
}
