import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../clock.js';
import { EventIdGenerator } from './event-ids.js';
import type { Region } from './region.js';
import type { RegionEvent } from './region-event.js';
import { BucketStore } from './bucket/bucket-store.js';
import { commitTransaction } from './transaction.js';

function regions(): { lookup: (name: string) => Region; seen: RegionEvent[] } {
  const deps = {
    clock: new ManualClock(),
    dsid: 1,
    memberUid: 'm1',
    eventIds: new EventIdGenerator('m1'),
    // Transactions are local writes: no remote event is ever decided here.
    conflicts: {
      decide: (): never => {
        throw new Error('no remote event in these tests');
      },
    },
  };
  const map = new Map<string, Region>([
    ['a', new BucketStore('a', deps)],
    ['b', new BucketStore('b', deps)],
  ]);
  const seen: RegionEvent[] = [];
  for (const region of map.values()) region.onEvent((event) => seen.push(event));
  const lookup = (name: string): Region => {
    const region = map.get(name);
    if (!region) throw new Error(`no region ${name}`);
    return region;
  };
  return { lookup, seen };
}

describe('commitTransaction', () => {
  it('applies every operation in order, marking the last event of the transaction', async () => {
    const { lookup, seen } = regions();
    await commitTransaction(
      'tx1',
      [
        { op: 'put', region: 'a', key: 'k1', value: 1 },
        { op: 'put', region: 'b', key: 'k2', value: 2 },
        { op: 'destroy', region: 'a', key: 'k1' },
      ],
      lookup,
      7,
    );
    assert.deepEqual(
      seen.map((e) => [e.region, e.key, e.op, e.tx, e.id.thread]),
      [
        ['a', 'k1', 'create', { id: 'tx1', last: false }, 7],
        ['b', 'k2', 'create', { id: 'tx1', last: false }, 7],
        ['a', 'k1', 'destroy', { id: 'tx1', last: true }, 7],
      ],
    );
  });

  it('applies nothing when one operation cannot apply', async () => {
    const { lookup, seen } = regions();
    await assert.rejects(
      () =>
        commitTransaction(
          'tx2',
          [
            { op: 'put', region: 'a', key: 'k1', value: 1 },
            { op: 'destroy', region: 'a', key: 'missing' },
          ],
          lookup,
          0,
        ),
      /operations\[1\] destroys "missing"/,
    );
    await assert.rejects(
      () => commitTransaction('tx3', [{ op: 'put', region: 'zz', key: 'k', value: 1 }], lookup, 0),
      /no region zz/,
    );
    assert.equal(seen.length, 0);
  });
});
