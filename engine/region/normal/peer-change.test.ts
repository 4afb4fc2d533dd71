import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Entry } from '../region.js';
import type { VersionTag } from '../version-tag.js';
import { isLaterVersion, latestLive, takesPeerChange } from './peer-change.js';

const v = (timestamp: number, extra: Partial<VersionTag> = {}): VersionTag => ({
  timestamp,
  dsid: 1,
  member: 'm1',
  entryVersion: 1,
  ...extra,
});
const live = (version: VersionTag): Entry => ({ value: 'x', version, tombstone: false });
const destroyed = (version: VersionTag): Entry => ({ value: undefined, version, tombstone: true });

describe('a member of a normal region takes a peer change (NORMAL, CACHE_CONTENT)', () => {
  it('only for a key it holds live', () => {
    assert.equal(takesPeerChange(undefined, v(10), false), false);
    assert.equal(takesPeerChange(destroyed(v(5)), v(10), false), false);
    assert.equal(takesPeerChange(live(v(5)), v(10), false), true);
  });

  it('never when it holds the same or a later version', () => {
    assert.equal(takesPeerChange(live(v(10)), v(10), false), false);
    assert.equal(takesPeerChange(live(v(11)), v(10), false), false);
    assert.equal(takesPeerChange(live(v(11)), v(10), true), false);
  });

  it('while filling its initial image, for any key, if later', () => {
    assert.equal(takesPeerChange(undefined, v(10), true), true);
    assert.equal(takesPeerChange(destroyed(v(5)), v(10), true), true);
  });
});

describe('the later of two versions is the same whichever arrives first', () => {
  const cases: Array<[string, VersionTag, VersionTag]> = [
    ['later timestamp', v(11), v(10)],
    ['higher site id on equal timestamps', v(10, { dsid: 2 }), v(10, { dsid: 1 })],
    ['higher entry counter', v(10, { entryVersion: 3 }), v(10, { entryVersion: 2 })],
    ['higher member id', v(10, { member: 'm2' }), v(10, { member: 'm1' })],
  ];
  for (const [name, later, earlier] of cases) {
    it(name, () => {
      assert.equal(isLaterVersion(later, earlier), true);
      assert.equal(isLaterVersion(earlier, later), false);
    });
  }
});

describe('a net search brings back the latest live entry', () => {
  it('skips misses and destroyed entries', () => {
    assert.equal(latestLive([null, destroyed(v(20))]), undefined);
    const best = live(v(15));
    assert.equal(latestLive([live(v(10)), null, best, destroyed(v(30))]), best);
  });
});
