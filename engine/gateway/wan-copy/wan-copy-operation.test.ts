import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { ManualClock } from '../../clock.js';
import type { Entry } from '../../region/region.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { AckOutcome } from '../sender/receiver-link.js';
import { copyWaitMs } from './copy-rate.js';
import { WanCopyOperation, type CopyLink } from './wan-copy-operation.js';

const logger = pino({ level: 'silent' });

function entries(count: number): Array<[string, Entry]> {
  return Array.from({ length: count }, (_, i): [string, Entry] => [
    `k${i}`,
    {
      value: i,
      version: { timestamp: 1000 + i, dsid: 1, member: 'm1', entryVersion: 3 },
      tombstone: false,
    },
  ]);
}

const ok = (events: RegionEvent[]): AckOutcome => ({
  kind: 'ok',
  ack: {
    t: 'ack',
    batchId: 0,
    count: events.length,
    processed: events.length,
    failures: [],
    lastAppliedIndex: events.length - 1,
  },
});

/** A link that acks every batch, or fails the batches listed. */
function fakeLink(failAt: number[] = []): CopyLink & { sent: RegionEvent[][] } {
  const sent: RegionEvent[][] = [];
  return {
    sent,
    connect: async () => true,
    send: async (events) => {
      sent.push(events);
      return failAt.includes(sent.length - 1)
        ? { kind: 'fail', error: new Error('reset') }
        : ok(events);
    },
    close: () => undefined,
  };
}

function operation(count: number, request: { maxRatePerSecond: number; batchSize: number }) {
  const clock = new ManualClock();
  const link = fakeLink();
  const slept: number[] = [];
  const op = new WanCopyOperation(
    {
      id: 'copy-1',
      region: 'data',
      senderId: 'to-site3',
      remoteDsid: 3,
      events: {
        region: 'data',
        streamMember: 'm1/wan-copy/1',
        originDsid: 1,
        recipients: [2, 3],
        bucketOf: () => undefined,
      },
    },
    { senderId: 'to-site3', ...request },
    entries(count),
    {
      link,
      clock,
      logger,
      sleep: async (ms, signal) => {
        slept.push(ms);
        if (!signal.aborted) clock.advance(ms);
      },
    },
  );
  return { op, link, slept, clock };
}

describe('wan-copy (GEODE-7)', () => {
  it('waits as Geode does: the average rate since the start stays at most maxRate', () => {
    assert.equal(copyWaitMs(0, 100, 0), 0, '0 is no limit');
    assert.equal(copyWaitMs(100, 100, 100), 900);
    assert.equal(copyWaitMs(1500, 100, 100), 0);
    assert.equal(copyWaitMs(0, 1, 3), 334);
  });

  it('sends every entry once, in batches, each with its own version and a stream of its own', async () => {
    const { op, link } = operation(25, { maxRatePerSecond: 0, batchSize: 10 });
    await op.run();
    assert.deepEqual(
      link.sent.map((batch) => batch.length),
      [10, 10, 5],
    );
    const events = link.sent.flat();
    assert.deepEqual(
      events.map((e) => e.version.timestamp),
      entries(25).map(([, e]) => e.version.timestamp),
    );
    assert.deepEqual(
      events.map((e) => e.id.seq),
      events.map((_, i) => i),
    );
    assert.ok(events.every((e) => e.id.member === 'm1/wan-copy/1' && e.op === 'update'));
    assert.deepEqual(events[0]!.recipients, [2, 3]);
    const status = op.status();
    assert.equal(status.state, 'done');
    assert.equal(status.copied, 25);
    assert.equal(status.total, 25);
    assert.equal(status.batches, 3);
  });

  it('keeps to the maximum rate: 200 entries at 100/s take 2 s of its clock', async () => {
    const { op, slept } = operation(200, { maxRatePerSecond: 100, batchSize: 20 });
    await op.run();
    assert.equal(slept.length, 10);
    assert.equal(op.status().elapsedMs, 2000);
  });

  it('sends a batch whose connection broke once more, flagged possibleDuplicate', async () => {
    const { op, link } = operation(5, { maxRatePerSecond: 0, batchSize: 5 });
    const flaky = fakeLink([0]);
    Object.assign(link, { send: flaky.send });
    await op.run();
    assert.equal(op.status().state, 'done');
    assert.equal(flaky.sent.length, 2);
    assert.ok(flaky.sent[1]!.every((e) => e.possibleDuplicate));
  });

  it('fails with the error when the resend breaks too', async () => {
    const { op, link } = operation(5, { maxRatePerSecond: 0, batchSize: 5 });
    Object.assign(link, { send: fakeLink([0, 1]).send });
    await op.run();
    const status = op.status();
    assert.equal(status.state, 'failed');
    assert.equal(status.error?.code, 'WAN_ERR_WAN_COPY_FAILED');
    assert.match(status.error?.message ?? '', /connection error after 0 entries/);
  });

  it('stops after the batch in flight when cancelled', async () => {
    const { op, link, clock } = operation(100, { maxRatePerSecond: 10, batchSize: 10 });
    const run = op.run();
    op.cancel();
    await run;
    assert.equal(op.status().state, 'cancelled');
    assert.equal(link.sent.length, 1);
    assert.ok(clock.monotonicMs() < 1000);
  });
});
