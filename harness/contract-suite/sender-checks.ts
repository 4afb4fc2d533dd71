import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  QUEUE_STATISTICS,
  RECEIVER_STATISTICS,
  SENDER_DEFAULTS,
  SENDER_STATISTICS,
  type ReceiverStatus,
  type SenderList,
  type SenderStatus,
  type StatisticDeclaration,
} from '../../contract/index.js';
import { PARALLEL, REMOTE, SERIAL, type SuiteContext } from './suite-context.js';

const SENDER = '/v1/senders/:id';
const ENTRY = '/v1/regions/:region/entries/:key';

/** The sender state machine, the alterable attributes, and the statistics with their units. */
export function senderChecks(ctx: SuiteContext): void {
  const id = { params: { id: SERIAL.sender } };
  const act = (action: string): Promise<SenderStatus> =>
    ctx.origin.ok<SenderStatus>('POST', `${SENDER}/${action}`, id);
  const status = (): Promise<SenderStatus> => ctx.origin.ok<SenderStatus>('GET', SENDER, id);
  const stat = async (name: keyof SenderStatus['stats']): Promise<number> =>
    (await status()).stats[name];

  describe('senders', () => {
    it('lists the senders of the member with every attribute in force', async () => {
      const list = await ctx.origin.ok<SenderList>('GET', '/v1/senders');
      assert.deepEqual(
        list.senders.map((s) => s.id).sort(),
        [PARALLEL.sender, SERIAL.sender].sort(),
      );
      const serial = list.senders.find((s) => s.id === SERIAL.sender)!;
      assert.equal(serial.remoteDistributedSystemId, REMOTE.id);
      assert.equal(serial.parallel, false);
      assert.equal(serial.attributes.batchSize, 10, 'the topology sets 10');
      assert.equal(serial.attributes.maximumQueueMemoryMb, SENDER_DEFAULTS.maximumQueueMemoryMb);
      assert.equal(list.senders.find((s) => s.id === PARALLEL.sender)!.parallel, true);
    });

    it('pause, resume, stop and start move the state machine, and events wait while paused', async () => {
      const paused = await act('pause');
      assert.deepEqual([paused.state, paused.running, paused.paused], ['paused', true, true]);
      const queuedBefore = await stat('eventsQueued');
      await ctx.origin.ok('PUT', ENTRY, {
        params: { region: SERIAL.region, key: 'c-paused' },
        body: { value: 1 },
      });
      assert.equal((await stat('eventsQueued')) - queuedBefore, 1, 'eventsQueued counts events');
      await ctx.eventually('the paused queue to hold the event', status, (s) => s.queue.size >= 1);
      const resumed = await act('resume');
      assert.deepEqual([resumed.state, resumed.running, resumed.paused], ['running', true, false]);
      await ctx.eventually('the queue to drain after resume', status, (s) => s.queue.size === 0);
      const stopped = await act('stop');
      assert.deepEqual([stopped.state, stopped.running], ['stopped', false]);
      const started = await act('start');
      assert.deepEqual([started.state, started.running], ['running', true]);
    });

    it('PATCH alters the alterable attributes, and refuses anything else', async () => {
      const altered = await ctx.origin.ok<SenderStatus>('PATCH', SENDER, {
        ...id,
        body: { batchSize: 25, alertThresholdMs: 5 },
      });
      assert.equal(altered.attributes.batchSize, 25);
      assert.equal(altered.attributes.alertThresholdMs, 5);
      assert.equal((await status()).attributes.batchSize, 25);
      const bad = { status: 400, code: 'WAN_ERR_BAD_REQUEST' };
      await ctx.origin.refused('PATCH', SENDER, { ...id, body: {} }, bad);
      await ctx.origin.refused('PATCH', SENDER, { ...id, body: { batchSize: 0 } }, bad);
      await ctx.origin.refused('PATCH', SENDER, { ...id, body: { batchSize: '5' } }, bad);
      await ctx.origin.refused('PATCH', SENDER, { ...id, body: { parallel: true } }, bad);
      await ctx.origin.ok('PATCH', SENDER, { ...id, body: { batchSize: 10, alertThresholdMs: 0 } });
    });

    it('every statistic of the contract is there, counted in its unit', async () => {
      const before = await status();
      expectStatistics(SENDER_STATISTICS, before.stats, 'sender stats');
      expectStatistics(QUEUE_STATISTICS, before.queue, 'sender queue');
      await ctx.origin.ok('POST', '/v1/regions/:region/putAll', {
        params: { region: SERIAL.region },
        body: { entries: [1, 2, 3, 4, 5].map((i) => ({ key: `c-stat-${i}`, value: i })) },
      });
      const after = await ctx.eventually(
        'the 5 events to be distributed',
        status,
        (s) => s.stats.eventsDistributed - before.stats.eventsDistributed >= 5,
      );
      // Units: events count events, batches count batches (a batch holds 1 to 5 of these).
      assert.equal(after.stats.eventsQueued - before.stats.eventsQueued, 5);
      const batches = after.stats.batchesAcknowledged - before.stats.batchesAcknowledged;
      assert.ok(batches >= 1 && batches <= 5, `${batches} batches for 5 events`);
      assert.ok(after.stats.batchDistributionTimeMs >= before.stats.batchDistributionTimeMs);
      const receiver = await ctx.remote.ok<ReceiverStatus>('GET', '/v1/receiver');
      expectStatistics(RECEIVER_STATISTICS, receiver.stats, 'receiver stats');
      assert.ok(receiver.stats.eventsReceived >= 5);
    });
  });

  describe('the gateway receiver', () => {
    it('answers its status, stops and starts, and refuses a stop when stopped', async () => {
      const receiver = await ctx.remote.ok<ReceiverStatus>('GET', '/v1/receiver');
      assert.equal(receiver.running, true);
      const stopped = await ctx.remote.ok<ReceiverStatus>('POST', '/v1/receiver/stop');
      assert.equal(stopped.running, false);
      await ctx.remote.refused(
        'POST',
        '/v1/receiver/stop',
        {},
        { status: 409, code: 'WAN_ERR_RECEIVER_STATE' },
      );
      const started = await ctx.deployment.startReceiver(REMOTE.member, () =>
        ctx.remote.ok<ReceiverStatus>('POST', '/v1/receiver/start'),
      );
      assert.equal(started.running, true);
    });
  });
}

/** Every declared statistic, each a number of its unit (whole unless fractional). */
function expectStatistics(
  declared: Record<string, StatisticDeclaration>,
  actual: object,
  what: string,
): void {
  for (const [name, declaration] of Object.entries(declared)) {
    const value = (actual as Record<string, unknown>)[name];
    assert.ok(typeof value === 'number' && value >= 0, `${what}.${name} is ${String(value)}`);
    if (!declaration.fractional) assert.ok(Number.isInteger(value), `${what}.${name} is whole`);
  }
}
