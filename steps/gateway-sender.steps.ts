import assert from 'node:assert/strict';
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import type { SenderStatus } from '../contract/index.js';
import type { SenderAction } from '../harness/client/member-client.js';
import { senderCount } from './support/baseline.js';
import { noteBaseline } from './support/scenario-record.js';
import { stateOf, type PendingStop } from './support/scenario-state.js';
import { describeWhere, memberAt, type Where } from './support/where.js';
import type { WanWorld } from './support/world.js';

const BYTES_PER_MB = 1024 * 1024;

/** Counters are noted when the topology is ready; this notes them again, mid-scenario. */
Given('the counters are noted again', async function (this: WanWorld) {
  await noteBaseline(this);
});

async function act(world: WanWorld, id: string, where: Where, action: SenderAction) {
  return memberAt(world, where).client.senderAction(id, action);
}

When('I pause sender {string} {where}', async function (this: WanWorld, id: string, where: Where) {
  assert.equal((await act(this, id, where, 'pause')).state, 'paused');
});

When('I resume sender {string} {where}', async function (this: WanWorld, id: string, where: Where) {
  assert.equal((await act(this, id, where, 'resume')).state, 'running');
});

When('I start sender {string} {where}', async function (this: WanWorld, id: string, where: Where) {
  assert.equal((await act(this, id, where, 'start')).running, true);
});

When('I stop sender {string} {where}', async function (this: WanWorld, id: string, where: Where) {
  const startedMs = performance.now();
  const status = await act(this, id, where, 'stop');
  stateOf(this).lastStopElapsedMs = performance.now() - startedMs;
  assert.equal(status.state, 'stopped');
});

/** PAUSE-4: waits until a batch is on its way, then pauses; the answer says what was in flight. */
When(
  'I pause sender {string} {where} while a batch is in flight',
  async function (this: WanWorld, id: string, where: Where) {
    const client = memberAt(this, where).client;
    await this.eventually(
      `a batch of sender ${id} ${describeWhere(where)} to be in flight`,
      () => client.sender(id),
      (status) => inFlight(status) > 0,
    );
    const paused = await client.senderAction(id, 'pause');
    stateOf(this).pausedInFlightEvents = inFlight(paused);
  },
);

function inFlight(status: SenderStatus): number {
  return status.dispatchers.reduce((total, d) => total + d.inFlightEvents, 0);
}

Then('the pause left {int} events in flight', function (this: WanWorld, count: number) {
  assert.equal(stateOf(this).pausedInFlightEvents, count);
});

/** STOP-3: the stop request runs in the background; later steps look at how it ends. */
When(
  'I start stopping sender {string} {where}',
  function (this: WanWorld, id: string, where: Where) {
    const startedMs = performance.now();
    const pending: PendingStop = { startedMs, promise: Promise.resolve() };
    pending.promise = act(this, id, where, 'stop').then(
      () => void (pending.finished = { elapsedMs: performance.now() - startedMs }),
      (error: Error) =>
        void (pending.finished = { elapsedMs: performance.now() - startedMs, error }),
    );
    stateOf(this).stops.set(id, pending);
  },
);

function pendingStop(world: WanWorld, id: string) {
  const pending = stateOf(world).stops.get(id);
  assert.ok(pending, `no stop of sender ${id} was started in this scenario`);
  return pending;
}

Then(
  'the stop of sender {string} is still waiting after {int} ms',
  async function (this: WanWorld, id: string, durationMs: number) {
    const pending = pendingStop(this, id);
    await this.staysTrue(
      `the stop of sender ${id} to keep waiting`,
      durationMs,
      async () => pending.finished,
      (finished) => finished === undefined,
    );
  },
);

Then(
  'the stop of sender {string} eventually completes',
  async function (this: WanWorld, id: string) {
    const pending = pendingStop(this, id);
    const finished = await this.eventually(
      `the stop of sender ${id} to complete`,
      async () => pending.finished,
      (done) => done !== undefined,
    );
    assert.equal(finished?.error, undefined, `the stop failed: ${finished?.error?.message}`);
  },
);

Then('the stop took at least {int} ms', function (this: WanWorld, minimumMs: number) {
  const elapsedMs = stateOf(this).lastStopElapsedMs;
  assert.ok(elapsedMs !== undefined && elapsedMs >= minimumMs, `the stop took ${elapsedMs} ms`);
});

Then('the stop took less than {int} ms', function (this: WanWorld, limitMs: number) {
  const elapsedMs = stateOf(this).lastStopElapsedMs;
  assert.ok(elapsedMs !== undefined && elapsedMs < limitMs, `the stop took ${elapsedMs} ms`);
});

Then(
  'sender {string} {where} is {word}',
  async function (this: WanWorld, id: string, where: Where, state: string) {
    const status = await memberAt(this, where).client.sender(id);
    assert.equal(status.state, state, `sender ${id} ${describeWhere(where)} is ${status.state}`);
  },
);

Then(
  'sender {string} {where} has the attributes:',
  async function (this: WanWorld, id: string, where: Where, table: DataTable) {
    const attributes = (await memberAt(this, where).client.sender(id)).attributes as Record<
      string,
      unknown
    >;
    for (const [name, expected] of table.raw()) {
      assert.equal(String(attributes[name!]), expected, `attribute ${name}`);
    }
  },
);

Then(
  'sender {string} {where} has {int} dispatchers',
  async function (this: WanWorld, id: string, where: Where, count: number) {
    assert.equal((await memberAt(this, where).client.sender(id)).dispatchers.length, count);
  },
);

Then(
  'every dispatcher of sender {string} {where} has distributed events',
  async function (this: WanWorld, id: string, where: Where) {
    const dispatchers = (await memberAt(this, where).client.sender(id)).dispatchers;
    const idle = dispatchers.filter((d) => d.eventsDistributed === 0).map((d) => d.index);
    assert.deepEqual(idle, [], `dispatchers that distributed nothing: ${idle.join(', ')}`);
  },
);

Then(
  'the queue of sender {string} {where} holds {int} events',
  async function (this: WanWorld, id: string, where: Where, count: number) {
    assert.equal((await memberAt(this, where).client.sender(id)).queue.size, count);
  },
);

Then(
  'the queue of sender {string} {where} keeps at most {float} MB in memory and the rest on disk',
  async function (this: WanWorld, id: string, where: Where, limitMb: number) {
    const queue = (await memberAt(this, where).client.sender(id)).queue;
    assert.ok(
      queue.bytesInMemory <= limitMb * BYTES_PER_MB,
      `${queue.bytesInMemory} bytes in memory`,
    );
    assert.ok(queue.onDisk > 0, 'nothing is on disk');
    assert.equal(queue.inMemory + queue.onDisk, queue.size);
  },
);

Then(
  'while the queue of sender {string} {where} drains, it never holds more than {float} MB in memory',
  async function (this: WanWorld, id: string, where: Where, limitMb: number) {
    const client = memberAt(this, where).client;
    const peakBytes = { value: 0 };
    await this.eventually(
      `sender ${id} to drain`,
      async () => {
        const queue = (await client.sender(id)).queue;
        peakBytes.value = Math.max(peakBytes.value, queue.bytesInMemory);
        return queue.size;
      },
      (size) => size === 0,
    );
    assert.ok(
      peakBytes.value <= limitMb * BYTES_PER_MB,
      `the queue held up to ${peakBytes.value} bytes in memory while it drained`,
    );
  },
);

Then(
  'sender {string} {where} counts {int} {string}',
  async function (this: WanWorld, id: string, where: Where, count: number, stat: string) {
    assert.equal(await senderCount(this, memberAt(this, where), id, stat), count, stat);
  },
);

Then(
  'sender {string} {where} counts at least {int} {string}',
  async function (this: WanWorld, id: string, where: Where, count: number, stat: string) {
    const observed = await senderCount(this, memberAt(this, where), id, stat);
    assert.ok(observed >= count, `${stat} is ${observed}`);
  },
);

Then(
  'sender {string} {where} eventually counts {int} {string}',
  async function (this: WanWorld, id: string, where: Where, count: number, stat: string) {
    const member = memberAt(this, where);
    await this.eventually(
      `sender ${id} ${describeWhere(where)} to count ${count} ${stat}`,
      () => senderCount(this, member, id, stat),
      (observed) => observed === count,
    );
  },
);

Then(
  'sender {string} {where} eventually counts at least {int} {string}',
  async function (this: WanWorld, id: string, where: Where, count: number, stat: string) {
    const member = memberAt(this, where);
    await this.eventually(
      `sender ${id} ${describeWhere(where)} to count at least ${count} ${stat}`,
      () => senderCount(this, member, id, stat),
      (observed) => observed >= count,
    );
  },
);

/** BATCH-5: the batch stays queued, and the sender retries only every retryIntervalMs. */
Then(
  'over {int} ms sender {string} {where} keeps {int} event(s) queued and makes between {int} and {int} connection attempts',
  async function (
    this: WanWorld,
    durationMs: number,
    id: string,
    where: Where,
    queued: number,
    minimum: number,
    maximum: number,
  ) {
    const member = memberAt(this, where);
    const before = await senderCount(this, member, id, 'connectAttempts');
    await this.staysTrue(
      `${queued} events queued at sender ${id}`,
      durationMs,
      async () => (await member.client.sender(id)).queue.size,
      (size) => size === queued,
    );
    const attempts = (await senderCount(this, member, id, 'connectAttempts')) - before;
    assert.ok(
      attempts >= minimum && attempts <= maximum,
      `${attempts} connection attempts in ${durationMs} ms`,
    );
  },
);

/** SEND-10, SEND-11: no connection and no new attempt while nothing waits to be sent. */
Then(
  'for {int} ms sender {string} {where} stays unconnected, having counted {int} {string}',
  async function (
    this: WanWorld,
    durationMs: number,
    id: string,
    where: Where,
    count: number,
    stat: string,
  ) {
    const member = memberAt(this, where);
    await this.staysTrue(
      `sender ${id} ${describeWhere(where)} unconnected with ${count} ${stat}`,
      durationMs,
      async () => ({
        connected: (await member.client.sender(id)).connected,
        [stat]: await senderCount(this, member, id, stat),
      }),
      (observed) => !observed.connected && observed[stat] === count,
    );
  },
);

Then(
  'the last failure of sender {string} {where} names {string} in region {string} with code {string} after {string}',
  async function (
    this: WanWorld,
    id: string,
    where: Where,
    key: string,
    region: string,
    code: string,
    lastApplied: string,
  ) {
    const failures = (await memberAt(this, where).client.sender(id)).recentFailures;
    const last = failures[failures.length - 1];
    assert.ok(last, 'the sender recorded no failure');
    assert.deepEqual(
      { key: last.key, region: last.region, code: last.code, lastApplied: last.lastApplied?.key },
      { key, region, code, lastApplied },
    );
  },
);
