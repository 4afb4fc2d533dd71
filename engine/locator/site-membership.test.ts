import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MemberRegistration } from './locator-protocol.js';
import { SiteMembership } from './site-membership.js';

const member = (name: string, joinedAtMs: number, over: Partial<MemberRegistration> = {}) => ({
  name,
  uid: `${name}-u`,
  incarnation: 1,
  session: 0,
  joinedAtMs,
  dsid: 1,
  controlUrl: `http://${name}`,
  ...over,
});

test('two locators that hear members in different orders list them in the same join order', () => {
  const a = new SiteMembership(1);
  const b = new SiteMembership(1);
  const [m1, m2, m3] = [member('m1', 100), member('m2', 200), member('m3', 300)];
  for (const m of [m1, m2, m3]) a.register(m, 0);
  for (const m of [m3, m1, m2]) b.register(m, 0);
  const names = (s: SiteMembership) => s.view().members.map((m) => m.name);
  assert.deepEqual(names(a), ['m1', 'm2', 'm3']);
  assert.deepEqual(names(b), names(a));
  assert.deepEqual(
    a.view().members.map((m) => m.joinOrder),
    [0, 1, 2],
  );
});

test('a session that timed out is expelled, and rejoins as the youngest member', () => {
  const site = new SiteMembership(1);
  site.register(member('m1', 100), 0);
  site.register(member('m2', 200), 0);
  site.register(member('m2', 200), 5000);
  assert.deepEqual(
    site.expire(5000, 3000).map((r) => r.name),
    ['m1'],
  );
  assert.equal(site.register(member('m1', 100), 5100), 'expelled');
  assert.equal(site.register(member('m1', 5200, { session: 1 }), 5200), 'joined');
  assert.deepEqual(
    site.view().members.map((m) => `${m.name}#${m.session}`),
    ['m2#0', 'm1#1'],
  );
});

test('a restarted process replaces the old one; a late heartbeat of the old one is expelled', () => {
  const site = new SiteMembership(1);
  site.register(member('m1', 100), 0);
  const restarted = member('m1', 900, { uid: 'm1-v', incarnation: 2 });
  assert.equal(site.register(restarted, 10), 'joined');
  assert.equal(site.register(member('m1', 100), 20), 'expelled');
  assert.deepEqual(
    site.view().members.map((m) => m.uid),
    ['m1-v'],
  );
});

test('removing a dead session needs its exact identity', () => {
  const site = new SiteMembership(1);
  site.register(member('m1', 100, { session: 2 }), 0);
  assert.equal(site.remove('m1', 'm1-u', 1, 10), undefined);
  assert.equal(site.remove('m1', 'm1-u', 2, 10)?.name, 'm1');
  assert.equal(site.view().members.length, 0);
});
