import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VersionRecord } from '../history/records.js';
import { compareVersions, sameVersion } from './versions.js';

const v = (timestamp: number, dsid: number, entryVersion: number, member: string): VersionRecord =>
  ({ timestamp, dsid, entryVersion, member }) as VersionRecord;

test('the WAN rule orders by timestamp, then site id, then the entry counter', () => {
  assert.ok(compareVersions(v(2, 1, 1, 'a'), v(1, 9, 9, 'a')) > 0);
  assert.ok(compareVersions(v(1, 2, 1, 'a'), v(1, 1, 9, 'a')) > 0);
  assert.ok(compareVersions(v(1, 1, 2, 'a'), v(1, 1, 1, 'a')) > 0);
});

test('a version received at another site is the same version, whatever member stored it', () => {
  // Geode keeps a received version under the receiving member: site2-m1 for site1-m1's write.
  assert.ok(sameVersion(v(5, 1, 3, 'site1-m1'), v(5, 1, 3, 'site2-m1')));
  assert.equal(compareVersions(v(5, 1, 3, 'site2-m1'), v(5, 1, 3, 'site1-m1')), 0);
  assert.ok(!sameVersion(v(5, 1, 3, 'site1-m1'), v(5, 1, 4, 'site1-m1')));
});
