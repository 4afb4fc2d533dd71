import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WanCopyStatus } from '../../contract/index.js';
import { wanCopyExitCode, wanCopyLine } from './wan-copy-text.js';

const running: WanCopyStatus = {
  id: 'copy-1',
  region: 'data',
  senderId: 'to-site3',
  remoteDistributedSystemId: 3,
  state: 'running',
  total: 200,
  copied: 120,
  batches: 12,
  maxRatePerSecond: 100,
  batchSize: 10,
  startedAtMs: 1_700_000_000_000,
  elapsedMs: 1234,
};

test('a progress line says how far, how long, the rate and the state', () => {
  assert.equal(
    wanCopyLine(running),
    'copy-1 data → site 3 through to-site3: 120/200 entries (60%), 1.2 s, at most 100/s, running',
  );
  const failed: WanCopyStatus = {
    ...running,
    state: 'failed',
    maxRatePerSecond: 0,
    error: { code: 'WAN_ERR_WAN_COPY_FAILED', message: 'connection error after 120 entries' },
  };
  assert.match(wanCopyLine(failed), /no rate limit, failed: WAN_ERR_WAN_COPY_FAILED connection/);
});

test('only a copy that is done exits 0', () => {
  assert.equal(wanCopyExitCode({ ...running, state: 'done', copied: 200 }), 0);
  for (const state of ['failed', 'cancelled', 'running'] as const) {
    assert.equal(wanCopyExitCode({ ...running, state }), 1, state);
  }
});
