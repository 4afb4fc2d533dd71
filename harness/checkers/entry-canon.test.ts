import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EntryBody } from '../../contract/index.js';
import { canonicalEntries, sameVersion } from './entry-canon.js';

const v = (member: string, timestamp = 10, dsid = 1, entryVersion = 1) => ({
  timestamp,
  dsid,
  member,
  entryVersion,
});

test('sites hold the same entries when keys, values and travelling versions agree, whoever stored them', () => {
  const here: EntryBody[] = [
    { key: 'b', value: 2, version: v('site1-m1') },
    { key: 'a', value: 1, version: v('site1-m1') },
  ];
  const there: EntryBody[] = [
    { key: 'a', value: 1, version: v('site2-m1') },
    { key: 'b', value: 2, version: v('site2-m1') },
  ];
  assert.equal(canonicalEntries(here), canonicalEntries(there));
  const later = [{ ...there[0]!, version: v('site2-m1', 11) }, there[1]!];
  assert.notEqual(canonicalEntries(here), canonicalEntries(later));
  const otherSite = [{ ...there[0]!, version: v('site2-m1', 10, 2) }, there[1]!];
  assert.notEqual(canonicalEntries(here), canonicalEntries(otherSite));
  const otherValue = [{ ...there[0]!, value: 3 }, there[1]!];
  assert.notEqual(canonicalEntries(here), canonicalEntries(otherValue));
});

test('the same version is the same change: timestamp, site and entry version', () => {
  assert.ok(sameVersion(v('a'), v('b')));
  assert.ok(!sameVersion(v('a', 10, 1, 1), v('a', 10, 1, 2)));
  assert.ok(!sameVersion(v('a'), undefined));
  assert.ok(sameVersion(undefined, undefined));
});
