import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { test } from 'node:test';
import { MemberClient } from '../client/member-client.js';
import { Observer } from './observer.js';
import type { HistoryRecord, Unstamped } from './records.js';

interface FakeState {
  uid: string;
  events: Array<{
    seq: number;
    appliedAtMs: number;
    source: string;
    fromDsid?: number;
    event: object;
  }>;
  receipts: boolean;
  queue: number;
}

const event = (key: string) => ({
  region: 'data',
  key,
  op: 'create',
  value: 'v',
  version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
  id: { member: 'm', thread: 1, seq: 0 },
  originDsid: 1,
  recipients: [],
  possibleDuplicate: false,
  createdAtMs: 1,
});

/** A member's control API, as much as the observer reads of it. */
function fakeMember(state: FakeState): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 10000);
    switch (url.pathname) {
      case '/health':
        return send(200, { status: 'ok', name: 'm1', uid: state.uid });
      case '/v1/events':
        return send(200, {
          events: state.events.filter((e) => e.seq > after).slice(0, limit),
          lastSeq: state.events.length,
          dropped: 0,
        });
      case '/v1/receipts':
        if (!state.receipts)
          return send(404, { code: 'WAN_ERR_NOT_FOUND', message: 'no route', hint: '' });
        return send(200, { receipts: [], lastSeq: 0, dropped: 0 });
      case '/v1/senders':
        return send(200, { senders: [{ id: 'to-site2', queue: { size: state.queue } }] });
      default:
        return send(404, { code: 'WAN_ERR_NOT_FOUND', message: 'no route', hint: '' });
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

async function observe(state: FakeState, steps: (observer: Observer) => Promise<void>) {
  const { server, url } = await fakeMember(state);
  const records: Array<Unstamped<HistoryRecord>> = [];
  const observer = new Observer(
    [
      {
        name: 'm1',
        site: 'site1',
        siteId: 1,
        client: new MemberClient(url, undefined),
        state: () => 'running',
      },
    ],
    (r) => void records.push(r),
    () => 0,
  );
  try {
    await steps(observer);
  } finally {
    await observer.stop();
    server.close();
  }
  return records;
}

test('applied events are recorded once each, in order, with queue samples', async () => {
  const state: FakeState = { uid: 'm1-a', events: [], receipts: false, queue: 7 };
  const records = await observe(state, async (observer) => {
    state.events.push({ seq: 1, appliedAtMs: 5, source: 'local', event: event('k1') });
    await observer.drain();
    state.events.push({
      seq: 2,
      appliedAtMs: 6,
      source: 'remote',
      fromDsid: 2,
      event: event('k2'),
    });
    await observer.drain();
    await observer.drain();
  });
  const applied = records.filter((r) => r.type === 'applied') as Array<{
    seq: number;
    event: { key: string };
  }>;
  assert.deepEqual(
    applied.map((r) => [r.seq, r.event.key]),
    [
      [1, 'k1'],
      [2, 'k2'],
    ],
  );
  const incarnation = records.find((r) => r.type === 'incarnation') as {
    uid: string;
    receipts: boolean;
  };
  assert.deepEqual([incarnation.uid, incarnation.receipts], ['m1-a', false]);
  const sample = records.filter((r) => r.type === 'sample').at(-1) as {
    queues: Record<string, number>;
  };
  assert.deepEqual(sample.queues, { 'm1/to-site2': 7 });
});

test('what a reused member applied before the run is skipped', async () => {
  const state: FakeState = {
    uid: 'm1-a',
    events: [{ seq: 1, appliedAtMs: 1, source: 'local', event: event('old') }],
    receipts: true,
    queue: 0,
  };
  const records = await observe(state, async (observer) => {
    await observer.skipExisting();
    state.events.push({ seq: 2, appliedAtMs: 2, source: 'local', event: event('new') });
    await observer.drain();
  });
  const keys = records
    .filter((r) => r.type === 'applied')
    .map((r) => (r as { event: { key: string } }).event.key);
  assert.deepEqual(keys, ['new']);
});

test('a restarted member is read from the start of its new log, and the lost tail is noted', async () => {
  const state: FakeState = {
    uid: 'm1-a',
    events: [{ seq: 1, appliedAtMs: 1, source: 'local', event: event('before') }],
    receipts: true,
    queue: 0,
  };
  const records = await observe(state, async (observer) => {
    await observer.drain();
    observer.memberLost('m1');
    state.uid = 'm1-b';
    state.events = [
      { seq: 1, appliedAtMs: 3, source: 'remote', fromDsid: 2, event: event('after1') },
      { seq: 2, appliedAtMs: 4, source: 'remote', fromDsid: 2, event: event('after2') },
    ];
    await observer.drain();
  });
  const incarnations = records.filter((r) => r.type === 'incarnation');
  assert.equal(incarnations.length, 2);
  assert.deepEqual(incarnations[1], {
    type: 'incarnation',
    member: 'm1',
    site: 'site1',
    uid: 'm1-b',
    previousUid: 'm1-a',
    previousComplete: false,
    receipts: true,
  });
  const applied = records.filter((r) => r.type === 'applied') as Array<{
    uid: string;
    event: { key: string };
  }>;
  assert.deepEqual(
    applied.map((r) => `${r.uid}:${r.event.key}`),
    ['m1-a:before', 'm1-b:after1', 'm1-b:after2'],
  );
});
