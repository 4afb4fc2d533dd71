import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { isEngineError } from '../errors.js';
import { ByteBudget, FrameDecoder, encodeFrame } from '../net/frame-codec.js';
import { FramedSocket } from '../net/framed-socket.js';
import { limitConnections } from '../net/port-limits.js';
import { rawFrame, sendRaw } from './raw-client.js';

/** Issue 17: a half-sent frame is not held for ever, and a port takes a bounded number of connections. */
const servers: Server[] = [];
after(() => servers.forEach((server) => server.close()));

function listen(server: Server): Promise<{ host: string; port: number }> {
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const info = server.address() as { port: number };
      resolve({ host: '127.0.0.1', port: info.port });
    }),
  );
}

/** Waits for a condition, polling; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) assert.fail(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a frame that stops arriving is dropped with its bytes after the stall limit', async () => {
  const closes: unknown[] = [];
  const address = await listen(
    createServer((raw) => {
      const socket = new FramedSocket(raw, 1024 * 1024, { partialFrameStallMs: 150 });
      socket.onClose((error) => closes.push(error));
    }),
  );
  const started = performance.now();
  const outcome = await sendRaw(address, rawFrame(1000, Buffer.alloc(10)), 5000);
  const elapsedMs = performance.now() - started;
  assert.equal(outcome.closedByServer, true);
  assert.ok(elapsedMs >= 140 && elapsedMs < 4000, `closed after ${elapsedMs} ms`);
  await until(() => closes.length === 1, 2000);
  assert.ok(isEngineError(closes[0]) && /stalled/.test(closes[0].message), String(closes[0]));
});

test('a port refuses connections beyond its limit and serves again once they close', async () => {
  const dropped: string[] = [];
  const server = createServer((socket) => socket.on('error', () => undefined));
  limitConnections(server, (peer) => dropped.push(peer), 2);
  const address = await listen(server);
  const open = async (): Promise<Socket> => {
    const socket = connect(address);
    socket.on('error', () => undefined);
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  };
  const first = await open();
  const second = await open();
  const third = await sendRaw(address, Buffer.alloc(0), 2000);
  assert.equal(third.closedByServer, true);
  assert.equal(dropped.length, 1);
  first.destroy();
  second.destroy();
  let connections = -1;
  await until(() => {
    server.getConnections((_, count) => (connections = count));
    return connections === 0;
  }, 2000);
  const fourth = await sendRaw(address, Buffer.alloc(0), 200);
  assert.equal(fourth.closedByServer, false, 'a connection within the limit stays open');
});

test('unfinished frames of a port share one budget, released when frames complete or connections close', () => {
  const budget = new ByteBudget(100);
  const a = new FrameDecoder(1000, budget);
  const b = new FrameDecoder(1000, budget);
  a.push(rawFrame(500, Buffer.alloc(60)));
  assert.equal(budget.usedBytes, 64);
  assert.throws(() => b.push(rawFrame(500, Buffer.alloc(40))), /more than 100 bytes/);
  b.clear();
  a.clear();
  assert.equal(budget.usedBytes, 0);
  const whole = encodeFrame({ t: 'ping' });
  assert.deepEqual(a.push(Buffer.concat([whole, whole.subarray(0, 3)])), [{ t: 'ping' }]);
  assert.equal(budget.usedBytes, 3);
  assert.deepEqual(a.push(whole.subarray(3)), [{ t: 'ping' }]);
  assert.equal(budget.usedBytes, 0);
});
