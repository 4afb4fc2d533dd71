import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuSeconds, totalCpuSeconds } from './process-cpu.js';

test('the CPU time of this process grows as it works, and an unknown process has none', () => {
  const before = cpuSeconds(process.pid);
  assert.ok(before !== undefined && before >= 0);
  const startedMs = Date.now();
  let spin = 0;
  while (Date.now() - startedMs < 50) spin++;
  assert.ok(spin > 0);
  assert.ok(cpuSeconds(process.pid)! >= before);
  assert.equal(cpuSeconds(undefined), undefined);
  assert.equal(totalCpuSeconds([process.pid, undefined]), undefined);
  assert.ok(totalCpuSeconds([process.pid, process.pid])! >= 2 * before);
});
