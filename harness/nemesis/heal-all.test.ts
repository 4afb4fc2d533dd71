import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Capability } from '../../contract/index.js';
import type { ChaosDeployment } from './chaos-deployment.js';
import type { ClockBook } from './clock-book.js';
import { healEverything } from './heal-all.js';

/** A deployment of one running member whose client records the calls made to it. */
function deployment(capabilities: Capability[]): { deployment: ChaosDeployment; calls: string[] } {
  const calls: string[] = [];
  const client = {
    setClockOffset: async (offsetMs: number) => void calls.push(`clock ${offsetMs}`),
    senders: async () => [],
    receiver: async () => ({ running: true }),
  };
  const member = { name: 'site1-m1', state: 'running', spec: { siteName: 'site1' }, client };
  const fake = {
    capabilities: new Set(capabilities),
    links: { reset: async () => void calls.push('links reset') },
    members: () => [member],
    syncReceiverUpstreams: async () => void calls.push('sync'),
  };
  return { deployment: fake as unknown as ChaosDeployment, calls };
}

const clocks = { baseOf: () => 250, note: () => {} } as unknown as ClockBook;
const baseline = { members: new Map() };

test('the heal puts clocks back only on an engine whose clocks can move', async () => {
  const skewable = deployment(['applied-log', 'clock-offset']);
  await healEverything(skewable.deployment, baseline, clocks);
  assert.deepEqual(skewable.calls, ['links reset', 'clock 250', 'sync']);
  const fixed = deployment(['applied-log']);
  await healEverything(fixed.deployment, baseline, clocks);
  assert.deepEqual(fixed.calls, ['links reset', 'sync']);
});
