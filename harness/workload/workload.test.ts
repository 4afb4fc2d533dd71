import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { test } from 'node:test';
import { MemberClient } from '../client/member-client.js';
import type { WorkloadSettings } from '../experiment/model.js';
import { freePorts } from '../util/ports.js';
import { OpGenerator } from './op-generator.js';
import { classifyFailure } from './outcome.js';
import { Workload, type Completion, type Invocation } from './workload.js';

const settings: WorkloadSettings = {
  region: 'data',
  sites: ['site1', 'site2'],
  keys: 5,
  keyPrefix: 'k',
  valueBytes: 24,
  ratePerS: 200,
  concurrency: 2,
  mix: { put: 3, destroy: 1, transaction: 0 },
  opTimeoutMs: 2000,
};

test('one writer seed gives one operation stream; another seed another', () => {
  const run = (seed: number) => {
    const g = new OpGenerator(settings, 0, seed);
    return Array.from({ length: 50 }, () => g.next());
  };
  assert.deepEqual(run(7), run(7));
  assert.notDeepEqual(run(7), run(8));
  const ops = run(7);
  assert.ok(ops.some((o) => o.f === 'destroy') && ops.some((o) => o.f === 'put'));
  const values = ops.flatMap((o) => (o.f === 'put' ? [o.value!] : []));
  for (const value of values) assert.equal(value.length, 24);
  assert.equal(new Set(values).size, values.length);
});

/** A member that answers puts, has nothing to destroy, and never answers for key k4. */
function fakeMember(): Promise<{ server: Server; url: string }> {
  let seq = 0;
  const server = createServer((req, res) => {
    if (req.url?.includes('/entries/k4')) return; // hangs: the client times out
    if (req.method === 'DELETE') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'WAN_ERR_NO_ENTRY', message: 'no entry', hint: '' }));
      return;
    }
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          key: 'k',
          op: 'create',
          version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
          eventId: { member: 'm', thread: 1, seq: seq++ },
        }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` }),
    ),
  );
}

test('every operation is recorded as invoked, then ok, fail or unknown (a timeout is unknown)', async () => {
  const { server, url } = await fakeMember();
  const client = new MemberClient(url, undefined);
  const invoked: Array<Invocation & { op: number }> = [];
  const completed = new Map<number, Completion>();
  const workload = new Workload(
    settings,
    { memberFor: (site) => (site === 'site1' ? { name: 'm1', client } : undefined) },
    {
      invoke: (i) => {
        invoked.push({ ...i, op: invoked.length + 1 });
        return invoked.length;
      },
      complete: (op, c) => {
        assert.ok(!completed.has(op), `operation ${op} completed twice`);
        completed.set(op, c);
      },
    },
    99,
  );
  workload.start();
  await new Promise((r) => setTimeout(r, 3000));
  await workload.stop();
  server.close();
  assert.ok(invoked.length >= 5, `only ${invoked.length} operations`);
  assert.ok(
    invoked.some((i) => i.key === 'k4'),
    'the seed makes writer 0 write k4 early',
  );
  assert.equal(completed.size, invoked.length, 'every invocation has its completion');
  assert.ok(
    invoked.every((i) => i.site === 'site1' && i.writer === 0),
    'site2 had no member to write to',
  );
  for (const i of invoked) {
    const c = completed.get(i.op)!;
    if (i.key === 'k4') assert.equal(c.type, 'unknown', 'no answer in time is unknown');
    else if (i.f === 'destroy') assert.equal(c.type, 'fail');
    else assert.equal(c.type, 'ok');
  }
  const counts = workload.counts();
  assert.equal(counts.ok + counts.fail + counts.unknown, invoked.length);
  assert.equal(counts.inFlight, 0);
});

test('a refused connection is a fail: the operation certainly did not happen', async () => {
  const [port] = await freePorts(1);
  const client = new MemberClient(`http://127.0.0.1:${port}`, undefined);
  const error = await client.put('data', 'k', 'v').catch((e: unknown) => e);
  assert.equal(classifyFailure(error).type, 'fail');
});

test('a transaction puts 2 to 4 distinct keys, each with its own unique value', () => {
  const g = new OpGenerator(
    { ...settings, keys: 10, mix: { put: 0, destroy: 0, transaction: 1 } },
    3,
    5,
  );
  for (let i = 0; i < 30; i++) {
    const op = g.next();
    assert.equal(op.f, 'transaction');
    if (op.f !== 'transaction') return;
    assert.ok(op.writes.length >= 2 && op.writes.length <= 4);
    assert.equal(new Set(op.writes.map((w) => w.key)).size, op.writes.length);
    assert.equal(op.key, op.writes[0]!.key);
  }
});
