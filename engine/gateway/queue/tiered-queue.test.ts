import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SystemClock } from '../../clock.js';
import type { Operation, RegionEvent } from '../../region/region-event.js';
import { createEventQueue } from './create-queue.js';
import { estimateEventBytes } from './event-size.js';
import { FakeDiskStore } from './fake-disk-store.js';
import type { EventQueue } from './event-queue.js';
import { TieredQueue } from './tiered-queue.js';

const clock = new SystemClock();
const never = new AbortController().signal;
const scratch = mkdtempSync(join(tmpdir(), 'wanlab-queue-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function event(key: string, seq: number, op: Operation = 'create', tx?: RegionEvent['tx']) {
  const e: RegionEvent = {
    region: 'data',
    key,
    op,
    value: `value-${seq}`,
    version: { timestamp: seq, dsid: 1, member: 'm1', entryVersion: seq },
    id: { member: 'm1', thread: 0, seq },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    createdAtMs: seq,
  };
  return tx ? { ...e, tx } : e;
}

async function drain(queue: EventQueue, batch = 7): Promise<string[]> {
  const keys: string[] = [];
  while (queue.stats().size > 0) {
    const events = await queue.peek({ maxEvents: batch, waitMs: 0, signal: never });
    keys.push(...events.map((e) => e.key));
    queue.remove(events.length);
  }
  return keys;
}

const keys = (n: number, prefix = 'k'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('TieredQueue in memory', () => {
  it('hands out a full batch at once and leaves it queued until removed (BATCH-1)', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: false });
    keys(25).forEach((k, i) => queue.enqueue(event(k, i)));
    const batch = await queue.peek({ maxEvents: 10, waitMs: 60_000, signal: never });
    assert.deepEqual(
      batch.map((e) => e.key),
      keys(10),
    );
    assert.equal(queue.stats().size, 25);
    const again = await queue.peek({ maxEvents: 10, waitMs: 60_000, signal: never });
    assert.deepEqual(again, batch, 'a peek does not consume');
    queue.remove(10);
    assert.equal(queue.stats().size, 15);
  });

  it('sends a partial batch only after the oldest event waited the interval (QUEUE-2, QUEUE-4)', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: false });
    queue.enqueue(event('lonely', 0));
    const started = performance.now();
    const batch = await queue.peek({ maxEvents: 10, waitMs: 150, signal: never });
    assert.equal(batch.length, 1);
    assert.ok(performance.now() - started >= 140, 'waited about the batch interval');
  });

  it('wakes a waiting peek when the batch fills up', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: false });
    const peek = queue.peek({ maxEvents: 3, waitMs: 60_000, signal: never });
    keys(3).forEach((k, i) => queue.enqueue(event(k, i)));
    assert.equal((await peek).length, 3);
  });

  it('resolves an aborted peek with nothing', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: false });
    const controller = new AbortController();
    const peek = queue.peek({ maxEvents: 3, waitMs: 60_000, signal: controller.signal });
    controller.abort();
    assert.deepEqual(await peek, []);
  });

  it('flags the oldest events possibleDuplicate', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: false });
    keys(4).forEach((k, i) => queue.enqueue(event(k, i)));
    queue.markPossibleDuplicate(2);
    const batch = await queue.peek({ maxEvents: 4, waitMs: 0, signal: never });
    assert.deepEqual(
      batch.map((e) => e.possibleDuplicate),
      [true, true, false, false],
    );
  });

  it('extends a batch to the end of its last transaction (TX-1)', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: false });
    let seq = 0;
    for (let t = 0; t < 4; t++) {
      for (let i = 0; i < 3; i++) {
        queue.enqueue(event(`t${t}-${i}`, seq++, 'create', { id: `tx${t}`, last: i === 2 }));
      }
    }
    const grouped = await queue.peek({
      maxEvents: 10,
      waitMs: 0,
      signal: never,
      completeTransactions: true,
    });
    assert.equal(grouped.length, 12);
    const plain = await queue.peek({ maxEvents: 10, waitMs: 0, signal: never });
    assert.equal(plain.length, 10);
  });
});

describe('TieredQueue conflation (QUEUE-5)', () => {
  it('keeps only the latest queued update of a key; creates and destroys stay', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: true });
    let seq = 0;
    for (let k = 0; k < 10; k++) queue.enqueue(event(`k${k}`, seq++, 'create'));
    for (let round = 0; round < 9; round++) {
      for (let k = 0; k < 10; k++) queue.enqueue(event(`k${k}`, seq++, 'update'));
    }
    assert.equal(queue.stats().size, 20);
    assert.equal(queue.stats().eventsConflated, 80);
    const all = await queue.peek({ maxEvents: 100, waitMs: 0, signal: never });
    assert.deepEqual(
      all.slice(10).map((e) => e.id.seq),
      Array.from({ length: 10 }, (_, k) => 90 + k),
      'the survivors are the latest updates',
    );
  });

  it('never conflates an update in flight, nor across a destroy', async () => {
    const queue = new TieredQueue({ clock, maxMemoryBytes: Infinity, conflation: true });
    queue.enqueue(event('a', 0, 'update'));
    await queue.peek({ maxEvents: 1, waitMs: 0, signal: never });
    queue.enqueue(event('a', 1, 'update'));
    queue.enqueue(event('a', 2, 'destroy'));
    queue.enqueue(event('a', 3, 'create'));
    queue.enqueue(event('a', 4, 'update'));
    assert.equal(queue.stats().size, 5);
    assert.equal(queue.stats().eventsConflated, 0);
  });
});

describe('TieredQueue overflow (QUEUE-1)', () => {
  const oneEvent = estimateEventBytes(event('k0', 0));

  it('keeps memory under its bound and returns every event in order', async () => {
    const store = new FakeDiskStore();
    const queue = new TieredQueue({
      clock,
      maxMemoryBytes: oneEvent * 5,
      conflation: false,
      overflowStore: () => store,
    });
    keys(100).forEach((k, i) => queue.enqueue(event(k, i)));
    const stats = queue.stats();
    assert.equal(stats.size, 100);
    assert.equal(stats.inMemory, 5);
    assert.equal(stats.onDisk, 95);
    assert.equal(stats.eventsOverflowed, 95);
    assert.ok(stats.bytesInMemory <= oneEvent * 5);
    let peakBytes = 0;
    const drained: string[] = [];
    while (queue.stats().size > 0) {
      const events = await queue.peek({ maxEvents: 3, waitMs: 0, signal: never });
      drained.push(...events.map((e) => e.key));
      queue.remove(events.length);
      peakBytes = Math.max(peakBytes, queue.stats().bytesInMemory);
    }
    assert.deepEqual(drained, keys(100));
    assert.ok(peakBytes <= oneEvent * 5, `memory held ${peakBytes} bytes while draining`);
    assert.equal(store.rows.size, 0, 'the overflow file is emptied as events come back');
  });

  it('waits for disk writes to commit before reading them back', async () => {
    const store = new FakeDiskStore();
    store.autoCommit = false;
    store.commitWhenAwaited = false;
    const queue = new TieredQueue({
      clock,
      maxMemoryBytes: oneEvent,
      conflation: false,
      overflowStore: () => store,
    });
    keys(3).forEach((k, i) => queue.enqueue(event(k, i)));
    const first = await queue.peek({ maxEvents: 1, waitMs: 0, signal: never });
    queue.remove(first.length);
    const next = queue.peek({ maxEvents: 1, waitMs: 0, signal: never });
    setTimeout(() => store.commit(), 20);
    assert.deepEqual(
      (await next).map((e) => e.key),
      ['k1'],
    );
  });

  it('conflates an update that waits on disk', async () => {
    const store = new FakeDiskStore();
    const queue = new TieredQueue({
      clock,
      maxMemoryBytes: oneEvent * 2,
      conflation: true,
      overflowStore: () => store,
    });
    let seq = 0;
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 5; k++) queue.enqueue(event(`k${k}`, seq++, 'update'));
    }
    assert.equal(queue.stats().size, 5);
    const drained = await drain(queue, 2);
    assert.deepEqual(drained, keys(5));
  });

  it('overflows to a real LMDB file and drains in order', async () => {
    const queue = createEventQueue({
      mode: 'overflow',
      clock,
      maximumQueueMemoryBytes: oneEvent * 50,
      batchConflation: false,
      diskSynchronous: true,
      directory: join(scratch, 'overflow'),
      onDiskError: (error) => assert.fail(String(error)),
    });
    keys(2000).forEach((k, i) => queue.enqueue(event(k, i)));
    assert.ok(queue.stats().onDisk > 1900, `${queue.stats().onDisk} events on disk`);
    assert.ok(queue.stats().bytesInMemory <= oneEvent * 50);
    assert.deepEqual(await drain(queue, 100), keys(2000));
    await queue.close();
  });
});

describe('TieredQueue persistence (QUEUE-3)', () => {
  const open = (directory: string): EventQueue =>
    createEventQueue({
      mode: 'persistent',
      clock,
      maximumQueueMemoryBytes: estimateEventBytes(event('k0', 0)) * 10,
      batchConflation: false,
      diskSynchronous: true,
      directory,
      onDiskError: (error) => assert.fail(String(error)),
    });

  it('recovers what was queued and not removed, flagged possibleDuplicate', async () => {
    const directory = join(scratch, 'persistent');
    const first = open(directory);
    keys(50).forEach((k, i) => first.enqueue(event(k, i)));
    await first.durable();
    const batch = await first.peek({ maxEvents: 20, waitMs: 0, signal: never });
    first.remove(batch.length);
    await first.durable();
    await first.close();

    const second = open(directory);
    assert.equal(second.stats().size, 30);
    const recovered = await second.peek({ maxEvents: 5, waitMs: 60_000, signal: never });
    assert.ok(recovered.every((e) => e.possibleDuplicate));
    second.enqueue(event('late', 50));
    assert.deepEqual(await drain(second, 4), [...keys(50).slice(20), 'late']);
    await second.close();
  });
});
