import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { claimPort, releasePorts } from './port-claims.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'wanlab-claims-'));
}

test('a port claimed by a live process is not handed out again', () => {
  const claims = dir();
  // pid 1 (init) is alive for as long as the machine is.
  writeFileSync(join(claims, '21001'), '1');
  assert.equal(claimPort(21001, claims), false);
  assert.equal(readFileSync(join(claims, '21001'), 'utf8'), '1', 'its claim is left alone');
});

test('a claim whose process is gone is taken over; a released one is removed', () => {
  const claims = dir();
  writeFileSync(join(claims, '21002'), '999999999');
  assert.equal(claimPort(21002, claims), true);
  assert.equal(readFileSync(join(claims, '21002'), 'utf8'), String(process.pid));
  assert.equal(claimPort(21002, claims), true, 'claimed again by its holder');
  releasePorts([21002], claims);
  assert.equal(existsSync(join(claims, '21002')), false);
});

test('an unreadable claim does not block the port forever', () => {
  const claims = dir();
  writeFileSync(join(claims, '21003'), 'not a pid');
  assert.equal(claimPort(21003, claims), true);
});
