import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerLabels, containerName, ownerOf } from './container-labels.js';
import { exitInfoOf } from './container-instance.js';
import { orphansOf } from './container-reaper.js';
import { currentOwner, ownerAlive, parseStartTicks } from './owner-identity.js';

test('the start time is field 22 of /proc/<pid>/stat, even with spaces in the name', () => {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
  assert.equal(parseStartTicks(`123 (node (x) y) ${fields.join(' ')}`), '22');
});

test('this process is alive; the same pid with another start time is not', () => {
  const me = currentOwner();
  assert.equal(ownerAlive(me), true);
  assert.equal(ownerAlive({ ...me, startTicks: '1' }), false);
  assert.equal(ownerAlive({ ...me, pid: 2 ** 22 + 1 }), false);
});

test('orphans: containers of dead owners on this host, nothing else', () => {
  const alive = { host: 'h', pid: 1, startTicks: '10' };
  const dead = { host: 'h', pid: 2, startTicks: '20' };
  const elsewhere = { host: 'other', pid: 3, startTicks: '30' };
  const record = (id: string, labels: Record<string, string>) => ({ id, name: id, labels });
  const containers = [
    record('a', containerLabels(alive, 'run', 'm1', 'member')),
    record('d', containerLabels(dead, 'run', 'm2', 'member')),
    record('e', containerLabels(elsewhere, 'run', 'm3', 'member')),
    record('x', { unrelated: 'true' }),
  ];
  const orphans = orphansOf(containers, 'h', (owner) => owner.pid === alive.pid);
  assert.deepEqual(
    orphans.map((c) => c.id),
    ['d'],
  );
  assert.deepEqual(ownerOf(containers[1]!.labels), dead);
});

test('container exit codes read as process exits: 128+n is signal n', () => {
  assert.deepEqual(exitInfoOf(0), { code: 0, signal: null });
  assert.deepEqual(exitInfoOf(2), { code: 2, signal: null });
  assert.deepEqual(exitInfoOf(137), { code: null, signal: 'SIGKILL' });
  assert.deepEqual(exitInfoOf(143), { code: null, signal: 'SIGTERM' });
});

test('container names keep only the characters Docker allows', () => {
  assert.equal(containerName(['wanlab', 'run:1', 'site 1/m1', '2']), 'wanlab-run_1-site_1_m1-2');
});
