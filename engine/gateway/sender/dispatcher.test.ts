import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { SystemClock } from '../../clock.js';
import type { RegionEvent } from '../../region/region-event.js';
import type { AckMessage } from '../protocol/messages.js';
import { createEventQueue } from '../queue/create-queue.js';
import type { EventQueue } from '../queue/event-queue.js';
import { EventFilterChain } from '../filter/event-filter-chain.js';
import { Dispatcher, type DispatcherSettings } from './dispatcher.js';
import { FailureLog } from './failure-log.js';
import { batchPayloadBytes } from './frame-fit.js';
import { PauseGate } from './pause-gate.js';
import type { AckOutcome, ReceiverLink } from './receiver-link.js';
import { emptyCounters, type SenderCounters } from './sender-stats.js';

const clock = new SystemClock();

function event(seq: number, region = 'r', valueBytes = 10): RegionEvent {
  return {
    region,
    key: `k${seq}`,
    op: 'create',
    value: 'x'.repeat(valueBytes),
    version: { timestamp: seq, dsid: 1, member: 'm', entryVersion: 1 },
    id: { member: 'm', thread: 0, seq },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    createdAtMs: clock.now(),
  };
}

/** A receiver link in memory: every batch is answered by `answer`. */
class FakeLink {
  connected = true;
  address = '127.0.0.1:1';
  maxFrameBytes = 64 * 1024 * 1024;
  readonly sent: RegionEvent[][] = [];
  answer: (events: RegionEvent[]) => AckOutcome = (events) => ({ kind: 'ok', ack: ack(events) });
  async connect(): Promise<boolean> {
    return true;
  }
  async send(events: RegionEvent[]): Promise<AckOutcome> {
    this.sent.push(events);
    return this.answer(events);
  }
  close(): void {}
}

function ack(events: RegionEvent[], failures: AckMessage['failures'] = []): AckMessage {
  return {
    t: 'ack',
    batchId: 0,
    count: events.length,
    processed: events.length,
    failures,
    lastAppliedIndex: events.length - 1,
  };
}

/** Refuses every event of region "missing", as a receiver with onEventFailure continue. */
function refusingMissing(events: RegionEvent[]): AckOutcome {
  const failures = events.flatMap((e, index) =>
    e.region === 'missing'
      ? [{ index, eventId: e.id, code: 'WAN_ERR_REGION_UNKNOWN', message: 'no such region' }]
      : [],
  );
  return { kind: 'ok', ack: ack(events, failures) };
}

interface Rig {
  queue: EventQueue;
  link: FakeLink;
  stats: SenderCounters;
  failures: FailureLog;
  removed: RegionEvent[];
}

const running: AbortController[] = [];
afterEach(() => {
  for (const controller of running.splice(0)) controller.abort();
});

function rig(settings: Partial<DispatcherSettings> = {}, filters?: EventFilterChain): Rig {
  const queue = createEventQueue({
    mode: 'memory',
    clock,
    maximumQueueMemoryBytes: 0,
    batchConflation: false,
    diskSynchronous: false,
    directory: '',
    onDiskError: () => {},
  });
  const link = new FakeLink();
  const stats = emptyCounters();
  const failures = new FailureLog(50);
  const removed: RegionEvent[] = [];
  const dispatcher = new Dispatcher(0, {
    queue,
    link: link as unknown as ReceiverLink,
    gate: new PauseGate(),
    settings: {
      batchSize: 10,
      batchTimeIntervalMs: 5,
      retryIntervalMs: 20,
      groupTransactionEvents: false,
      alertThresholdMs: 0,
      removeFromQueueOnException: true,
      ...settings,
    },
    stats,
    failures,
    clock,
    logger: pino({ level: 'silent' }),
    onRemoved: (events) => removed.push(...events),
    ...(filters ? { filters } : {}),
  });
  const controller = new AbortController();
  running.push(controller);
  void dispatcher.run(controller.signal);
  return { queue, link, stats, failures, removed };
}

/** Waits for a condition (polling), failing after 3 s. */
async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the dispatcher', () => {
  it('removes a batch only once the receiver acknowledged it, and reports the removal', async () => {
    const { queue, link, stats, removed } = rig();
    for (let i = 0; i < 3; i++) queue.enqueue(event(i));
    await until('the ack', () => queue.stats().size === 0);
    assert.deepEqual(
      link.sent.flat().map((e) => e.key),
      ['k0', 'k1', 'k2'],
    );
    assert.equal(stats.eventsDistributed, 3);
    assert.deepEqual(
      removed.map((e) => e.key),
      ['k0', 'k1', 'k2'],
    );
  });

  it('sends a batch again, flagged possibleDuplicate, when the connection broke', async () => {
    const { queue, link, stats } = rig();
    let first = true;
    link.answer = (events) => {
      if (!first) return { kind: 'ok', ack: ack(events) };
      first = false;
      return { kind: 'fail', error: new Error('cut') };
    };
    queue.enqueue(event(0));
    await until('the resend', () => queue.stats().size === 0);
    assert.equal(stats.batchesRedistributed, 1);
    assert.deepEqual(
      link.sent.map((b) => b[0]!.possibleDuplicate),
      [false, true],
    );
  });

  it('with removeFromQueueOnException true, drops a rejected event, counts and lists it', async () => {
    const { queue, link, stats, failures } = rig();
    link.answer = refusingMissing;
    queue.enqueue(event(0));
    queue.enqueue(event(1, 'missing'));
    queue.enqueue(event(2));
    await until('the queue to empty', () => queue.stats().size === 0);
    assert.equal(stats.eventsFailed, 1);
    assert.equal(stats.eventsRetried, 0);
    assert.equal(failures.recent()[0]?.key, 'k1');
    assert.equal(link.sent.length, 1);
  });

  it('with removeFromQueueOnException false, keeps a rejected event and what follows, and retries', async () => {
    const { queue, link, stats, failures } = rig({ removeFromQueueOnException: false });
    link.answer = refusingMissing;
    queue.enqueue(event(0));
    queue.enqueue(event(1, 'missing'));
    queue.enqueue(event(2));
    await until('two retries', () => stats.eventsRetried >= 2);
    assert.equal(queue.stats().size, 2, 'the failed event and the one after it stay queued');
    const resent = link.sent[1]!;
    assert.deepEqual(
      resent.map((e) => [e.key, e.possibleDuplicate]),
      [
        ['k1', true],
        ['k2', true],
      ],
    );
    assert.ok(failures.recent().every((f) => f.key === 'k1'));
    link.answer = (events) => ({ kind: 'ok', ack: ack(events) });
    await until('the retry to succeed', () => queue.stats().size === 0);
  });

  it("splits a batch over the receiver's frame limit into halves that fit", async () => {
    const { queue, link, stats } = rig({ batchSize: 8 });
    const events = Array.from({ length: 8 }, (_, i) => event(i, 'r', 1000));
    link.maxFrameBytes = batchPayloadBytes(events.slice(0, 2));
    for (const e of events) queue.enqueue(e);
    await until('every event sent', () => queue.stats().size === 0);
    assert.ok(link.sent.every((batch) => batchPayloadBytes(batch) <= link.maxFrameBytes));
    assert.deepEqual(
      link.sent.flat().map((e) => e.key),
      events.map((e) => e.key),
    );
    assert.ok(stats.batchesResized >= 1);
  });

  it('sets aside an event too large for any frame, counts and lists it, and goes on', async () => {
    const { queue, link, stats, failures, removed } = rig();
    link.maxFrameBytes = 2048;
    queue.enqueue(event(0));
    queue.enqueue(event(1, 'r', 5000));
    queue.enqueue(event(2));
    await until('the lane to go on', () => queue.stats().size === 0);
    assert.deepEqual(
      link.sent.flat().map((e) => e.key),
      ['k0', 'k2'],
    );
    assert.equal(stats.eventsTooLarge, 1);
    assert.equal(stats.eventsFailed, 1);
    assert.equal(failures.recent()[0]?.code, 'WAN_ERR_FRAME_TOO_LARGE');
    assert.ok(
      removed.some((e) => e.key === 'k1'),
      'the secondaries drop their copy too',
    );
  });
});

describe('the dispatcher with gateway event filters (issue 15)', () => {
  /** Leaves keys k1 and k3 out of every batch; hears of acknowledgements. */
  function filters(): { chain: EventFilterChain; acknowledged: string[] } {
    const acknowledged: string[] = [];
    const chain = new EventFilterChain(
      's',
      [
        {
          module: 'test',
          filter: {
            beforeTransmit: (e) => e.key !== 'k1' && e.key !== 'k3',
            afterAcknowledgement: (e) => void acknowledged.push(e.key),
          },
        },
      ],
      pino({ level: 'silent' }),
    );
    return { chain, acknowledged };
  }

  it('sends what beforeTransmit lets through; the filtered events leave the queue with the ack', async () => {
    const { chain, acknowledged } = filters();
    const { queue, link, stats, removed } = rig({}, chain);
    for (let i = 0; i < 5; i++) queue.enqueue(event(i));
    await until('the ack', () => queue.stats().size === 0);
    assert.deepEqual(
      link.sent.flat().map((e) => e.key),
      ['k0', 'k2', 'k4'],
    );
    assert.equal(stats.eventsFiltered, 2);
    assert.equal(stats.eventsDistributed, 3);
    assert.deepEqual(acknowledged, ['k0', 'k2', 'k4'], 'the primary hears of what it sent');
    assert.deepEqual(
      removed.map((e) => e.key),
      ['k0', 'k1', 'k2', 'k3', 'k4'],
    );
  });

  it('keeps a failed event, and the filtered ones after it, when removeFromQueueOnException is false', async () => {
    const { chain, acknowledged } = filters();
    const { queue, link, removed } = rig({ removeFromQueueOnException: false }, chain);
    link.answer = refusingMissing;
    queue.enqueue(event(0));
    queue.enqueue(event(1));
    queue.enqueue(event(2, 'missing'));
    queue.enqueue(event(3));
    queue.enqueue(event(4));
    await until('a retry', () => link.sent.length >= 2);
    // Sent k0, k2 (fails), k4: k0 and the filtered k1 before the failure leave.
    assert.deepEqual(
      removed.map((e) => e.key),
      ['k0', 'k1'],
    );
    assert.deepEqual(acknowledged.slice(0, 1), ['k0']);
    assert.deepEqual(
      link.sent[1]!.map((e) => [e.key, e.possibleDuplicate]),
      [
        ['k2', true],
        ['k4', true],
      ],
    );
    assert.equal(queue.stats().size, 3, 'k2, the filtered k3 and k4 stay queued');
  });

  it('removes a batch that the filters emptied without sending anything', async () => {
    const { chain } = filters();
    const { queue, link, removed } = rig({}, chain);
    queue.enqueue(event(1));
    queue.enqueue(event(3));
    await until('the queue to empty', () => queue.stats().size === 0);
    assert.equal(link.sent.length, 0);
    assert.deepEqual(
      removed.map((e) => e.key),
      ['k1', 'k3'],
    );
  });
});
