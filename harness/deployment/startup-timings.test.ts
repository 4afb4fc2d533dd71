import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeStartup, StartupClock } from './startup-timings.js';

test('phases are timed on the injected clock, repeated phases add up, unused ones are 0', async () => {
  let nowMs = 100;
  const clock = new StartupClock(() => nowMs);
  await clock.phase('toxiproxy-start', () => {
    nowMs += 250;
  });
  await clock.phase('plan-and-ports', () => {
    nowMs += 10;
  });
  await clock.phase('plan-and-ports', async () => {
    nowMs += 5;
    return Promise.resolve();
  });
  await assert.rejects(
    clock.phase('processes', () => {
      nowMs += 1000;
      throw new Error('member failed');
    }),
    /member failed/,
  );
  const timings = clock.finish([
    { name: 'site1-m1', role: 'member', launchMs: 40, healthyMs: 900 },
    { name: 'site1-locator', role: 'locator', launchMs: 30, healthyMs: 300 },
  ]);
  assert.equal(timings.totalMs, 1265);
  assert.equal(timings.phases['toxiproxy-start'], 250);
  assert.equal(timings.phases['plan-and-ports'], 15);
  assert.equal(timings.phases.processes, 1000, 'a failed phase still counts');
  assert.equal(timings.phases.discovery, 0);
  const line = describeStartup(timings);
  assert.match(line, /toxiproxy-start 0\.25 s/);
  assert.match(line, /slowest process site1-m1 \(launch 0\.04 s, healthy after 0\.90 s\)/);
  assert.doesNotMatch(line, /discovery/, 'phases under 5 ms are left out');
});
