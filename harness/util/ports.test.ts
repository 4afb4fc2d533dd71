import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freePorts, workerShare } from './ports.js';

test('ports are distinct, never repeated within a process, and below the ephemeral range', async () => {
  const first = await freePorts(20);
  const second = await freePorts(20);
  const all = [...first, ...second];
  assert.equal(new Set(all).size, 40);
  assert.ok(
    all.every((port) => port >= 20000 && port <= 32767),
    all.join(','),
  );
});

test('a malformed WANLAB_PORT_RANGE is a usage error, not a silent default', async () => {
  process.env.WANLAB_PORT_RANGE = '9-3';
  try {
    await assert.rejects(freePorts(1), /WANLAB_PORT_RANGE "9-3"/);
  } finally {
    delete process.env.WANLAB_PORT_RANGE;
  }
});

test('each cucumber worker takes its own share of the port range', () => {
  const range = { low: 20000, high: 32767 };
  const env = (id: string, total: string) => ({
    CUCUMBER_WORKER_ID: id,
    CUCUMBER_TOTAL_WORKERS: total,
  });
  const first = workerShare(range, env('0', '2'));
  const second = workerShare(range, env('1', '2'));
  assert.deepEqual(first, { low: 20000, high: 26383 });
  assert.deepEqual(second, { low: 26384, high: 32767 });
  assert.deepEqual(workerShare(range, {}), range);
  assert.deepEqual(workerShare(range, env('3', '2')), range);
});
