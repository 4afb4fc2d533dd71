import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VersionRecord } from '../history/records.js';
import { compareVersions, sameVersion, scopeOf } from './versions.js';

const v = (timestamp: number, dsid: number, entryVersion: number, member: string): VersionRecord =>
  ({ timestamp, dsid, entryVersion, member }) as VersionRecord;

test('the WAN rule orders by timestamp, then site id, then (at one site) the entry counter', () => {
  assert.ok(compareVersions(v(2, 1, 1, 'a'), v(1, 9, 9, 'a'), 'one-site') > 0);
  assert.ok(compareVersions(v(1, 2, 1, 'a'), v(1, 1, 9, 'a'), 'one-site') > 0);
  assert.ok(compareVersions(v(1, 1, 2, 'a'), v(1, 1, 1, 'a'), 'one-site') > 0);
  assert.ok(compareVersions(v(2, 1, 1, 'a'), v(1, 9, 9, 'a'), 'across-sites') > 0);
  assert.ok(compareVersions(v(1, 2, 1, 'a'), v(1, 1, 9, 'a'), 'across-sites') > 0);
});

test('a version received at another site is the same version, whatever member stored it', () => {
  // Geode keeps a received version under the receiving member: site2-m1 for site1-m1's write.
  assert.ok(sameVersion(v(5, 1, 3, 'site1-m1'), v(5, 1, 3, 'site2-m1'), 'across-sites'));
  assert.equal(compareVersions(v(5, 1, 3, 'site2-m1'), v(5, 1, 3, 'site1-m1'), 'one-site'), 0);
  assert.ok(!sameVersion(v(5, 1, 3, 'site1-m1'), v(5, 1, 4, 'site1-m1'), 'one-site'));
});

test('across sites the entry counter is not compared: each Geode site counts its own', () => {
  // site1 wrote the key twice (counter 2); site2 wrote it once, then received site1's second
  // change, which its own counter numbers 2 + 1 = 3 (AbstractRegionEntry.generateVersionTag).
  assert.ok(sameVersion(v(9, 1, 2, 'site1-m1'), v(9, 1, 3, 'site2-m1'), 'across-sites'));
  assert.ok(!sameVersion(v(9, 1, 2, 'site1-m1'), v(9, 1, 3, 'site1-m1'), 'one-site'));
  assert.equal(scopeOf('site1', 'site1'), 'one-site');
  assert.equal(scopeOf('site1', 'site2'), 'across-sites');
});
