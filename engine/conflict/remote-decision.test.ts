import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionEvent } from '../region/region-event.js';
import { decideRemote, type ConflictPolicy, type StoredEntry } from './remote-decision.js';
import type {
  ConflictResolver,
  ResolverVerdict,
  WanConflict,
} from '../../contract/resolver-api.js';

const tag = (timestamp: number, dsid: number, entryVersion = 1) => ({
  timestamp,
  dsid,
  member: `m${dsid}`,
  entryVersion,
});

const entry = (value: string, timestamp: number, dsid: number): StoredEntry => ({
  value,
  version: tag(timestamp, dsid),
  tombstone: false,
});

const event = (value: string | undefined, timestamp: number, dsid: number): RegionEvent => ({
  region: 'r',
  key: 'k',
  op: value === undefined ? 'destroy' : 'update',
  ...(value === undefined ? {} : { value }),
  version: tag(timestamp, dsid, 2),
  id: { member: `m${dsid}`, thread: 0, seq: 1 },
  originDsid: dsid,
  recipients: [],
  possibleDuplicate: false,
  createdAtMs: timestamp,
});

const plain: ConflictPolicy = { forwardedEventDsid: 'origin', onResolverError: 'discard' };

/** A resolver that records what it was asked and answers what it is told. */
function scripted(answer: (c: WanConflict) => ResolverVerdict): ConflictResolver & {
  calls: WanConflict[];
} {
  const calls: WanConflict[] = [];
  return {
    calls,
    resolve(conflict) {
      calls.push(conflict);
      return answer(conflict);
    },
  };
}

test('a new key is applied as sent', () => {
  const decision = decideRemote('r', undefined, event('v', 5, 2), 2, plain);
  assert.equal(decision.kind, 'apply');
  assert.equal(decision.kind === 'apply' && decision.decidedBy, 'no-entry');
});

test('the default rule: the later timestamp wins, the higher site id on a tie', () => {
  assert.equal(decideRemote('r', entry('a', 10, 1), event('b', 11, 2), 2, plain).kind, 'apply');
  assert.equal(decideRemote('r', entry('a', 10, 2), event('b', 9, 1), 1, plain).kind, 'discard');
  assert.equal(decideRemote('r', entry('a', 10, 1), event('b', 10, 2), 2, plain).kind, 'apply');
  assert.equal(decideRemote('r', entry('a', 10, 2), event('b', 10, 1), 1, plain).kind, 'discard');
});

test('a forwarded event is checked with its origin site by default', () => {
  // Site 3's write reaches a site through site 1: the tie goes to 3, not to the forwarder 1.
  const decision = decideRemote('r', entry('a', 10, 2), event('b', 10, 3), 1, plain);
  assert.equal(decision.kind, 'apply');
  assert.equal(decision.kind === 'apply' && decision.version.dsid, 3);
});

test("with last-hop (Geode's behaviour) the forwarding site's id is checked and stored", () => {
  const geode: ConflictPolicy = { ...plain, forwardedEventDsid: 'last-hop' };
  assert.equal(decideRemote('r', entry('a', 10, 2), event('b', 10, 3), 1, geode).kind, 'discard');
  const applied = decideRemote('r', entry('a', 9, 2), event('b', 10, 3), 1, geode);
  assert.equal(applied.kind === 'apply' && applied.version.dsid, 1);
  assert.equal(applied.kind === 'apply' && applied.version.timestamp, 10);
});

test('the resolver is called only when the event comes from another site than the last writer', () => {
  const resolver = scripted(() => ({ kind: 'allow' }));
  const policy = { ...plain, resolver };
  decideRemote('r', undefined, event('v', 5, 2), 2, policy);
  decideRemote('r', entry('a', 10, 2), event('b', 11, 2), 2, policy);
  assert.equal(resolver.calls.length, 0);
  decideRemote('r', entry('a', 10, 1), event('b', 11, 2), 2, policy);
  assert.equal(resolver.calls.length, 1);
  assert.deepEqual(resolver.calls[0], {
    region: 'r',
    key: 'k',
    operation: 'update',
    oldValue: 'a',
    oldDestroyed: false,
    newValue: 'b',
    oldTimestamp: 10,
    newTimestamp: 11,
    oldDsid: 1,
    newDsid: 2,
    byDefault: 'allow',
  });
});

test('the resolver alone decides: it can keep an older event and refuse a newer one', () => {
  const older = decideRemote('r', entry('a', 10, 1), event('b', 5, 2), 2, {
    ...plain,
    resolver: scripted(() => ({ kind: 'allow' })),
  });
  assert.equal(older.kind, 'apply');
  const newer = decideRemote('r', entry('a', 10, 1), event('b', 50, 2), 2, {
    ...plain,
    resolver: scripted(() => ({ kind: 'disallow' })),
  });
  assert.deepEqual(newer, {
    kind: 'discard',
    reason: 'resolver',
    decidedBy: 'resolver',
    resolver: 'disallow',
  });
});

test('a changed value is stored with the later version, whichever site merges', () => {
  const merge = { ...plain, resolver: scripted(() => ({ kind: 'change', value: 'a+b' })) };
  const atSite1 = decideRemote('r', entry('a', 10, 1), event('b', 20, 2), 2, merge);
  const atSite2 = decideRemote(
    'r',
    { value: 'b', version: tag(20, 2, 2), tombstone: false },
    { ...event('a', 10, 1), version: tag(10, 1) },
    1,
    merge,
  );
  assert.equal(atSite1.kind === 'apply' && atSite1.value, 'a+b');
  assert.equal(atSite2.kind === 'apply' && atSite2.value, 'a+b');
  assert.deepEqual(
    atSite1.kind === 'apply' && atSite1.version,
    atSite2.kind === 'apply' && atSite2.version,
  );
});

test('a resolver changing a destroy turns it into an update', () => {
  const decision = decideRemote('r', entry('a', 10, 1), event(undefined, 20, 2), 2, {
    ...plain,
    resolver: scripted(() => ({ kind: 'change', value: 'kept' })),
  });
  assert.equal(decision.kind === 'apply' && decision.op, 'update');
});

test('a resolver that throws or answers nonsense discards the event, with the error', () => {
  for (const broken of [
    () => {
      throw new Error('boom');
    },
    () => ({ kind: 'maybe' }) as unknown as ResolverVerdict,
    () => undefined as unknown as ResolverVerdict,
  ]) {
    const decision = decideRemote('r', entry('a', 10, 1), event('b', 20, 2), 2, {
      ...plain,
      resolver: scripted(broken),
    });
    assert.equal(decision.kind, 'discard');
    assert.equal(decision.kind === 'discard' && decision.reason, 'resolver-error');
    assert.ok(decision.error instanceof Error);
  }
});

test("with onResolverError default-rule (Geode's behaviour) a throwing resolver falls back", () => {
  const policy: ConflictPolicy = {
    ...plain,
    onResolverError: 'default-rule',
    resolver: scripted(() => {
      throw new Error('boom');
    }),
  };
  const newer = decideRemote('r', entry('a', 10, 1), event('b', 20, 2), 2, policy);
  assert.equal(newer.kind, 'apply');
  assert.equal(newer.resolver, 'error');
  const older = decideRemote('r', entry('a', 10, 1), event('b', 5, 2), 2, policy);
  assert.equal(older.kind === 'discard' && older.reason, 'older');
});

test('a tombstone is an entry: an older update cannot resurrect it', () => {
  const tombstone: StoredEntry = { value: undefined, version: tag(10, 1), tombstone: true };
  assert.equal(decideRemote('r', tombstone, event('b', 5, 2), 2, plain).kind, 'discard');
});

test('the very change the entry already holds is a duplicate, not a second apply', () => {
  const again = event('v', 5, 2);
  const held: StoredEntry = { value: 'v', version: { ...again.version }, tombstone: false };
  const decision = decideRemote('r', held, again, 2, plain);
  assert.equal(decision.kind, 'discard');
  assert.equal(decision.kind === 'discard' && decision.reason, 'duplicate');
  const next = { ...again, version: { ...again.version, entryVersion: 3 } };
  assert.equal(decideRemote('r', held, next, 2, plain).kind, 'apply');
});
