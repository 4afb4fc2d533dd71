import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppliedEvent } from '../../contract/index.js';
import { checkDelivery } from './delivery-checks.js';
import { checkPerKeyOrder, checkPerThreadOrder, checkWriteOrder } from './order-checks.js';

let logSeq = 0;
function applied(
  key: string,
  value: string,
  id: { thread?: number; seq: number },
  possibleDuplicate = false,
): AppliedEvent {
  return {
    seq: ++logSeq,
    appliedAtMs: 0,
    source: 'remote',
    fromDsid: 1,
    event: {
      region: 'data',
      key,
      op: 'update',
      value,
      version: { timestamp: 1, dsid: 1, member: 'm1', entryVersion: 1 },
      id: { member: 'm1', thread: id.thread ?? 0, seq: id.seq },
      originDsid: 1,
      recipients: [2],
      possibleDuplicate,
      createdAtMs: 0,
    },
  };
}

describe('checkDelivery (BATCH-2)', () => {
  it('passes a history where every key arrived once', () => {
    const verdict = checkDelivery(
      ['a', 'b'],
      [applied('a', 'v', { seq: 1 }), applied('b', 'v', { seq: 2 })],
    );
    assert.deepEqual(verdict, { lost: [], unflaggedRepeats: [], repeated: [], unexpected: [] });
  });

  it('catches a lost event', () => {
    assert.deepEqual(checkDelivery(['a', 'b'], [applied('a', 'v', { seq: 1 })]).lost, ['b']);
  });

  it('accepts a repeat flagged possibleDuplicate, and catches one that was not', () => {
    const flagged = checkDelivery(
      ['a'],
      [applied('a', 'v', { seq: 1 }), applied('a', 'v', { seq: 1 }, true)],
    );
    assert.deepEqual(flagged.repeated, ['a']);
    assert.deepEqual(flagged.unflaggedRepeats, []);
    const unflagged = checkDelivery(
      ['a'],
      [applied('a', 'v', { seq: 1 }), applied('a', 'v', { seq: 1 })],
    );
    assert.deepEqual(unflagged.unflaggedRepeats, ['a']);
  });

  it('does not take two updates of one key for a repeat', () => {
    const verdict = checkDelivery(
      ['a'],
      [applied('a', 'v1', { seq: 1 }), applied('a', 'v2', { seq: 2 })],
    );
    assert.deepEqual(verdict.repeated, []);
  });
});

describe('order checks (SEND-4)', () => {
  it('per key: catches a swapped and a missing update', () => {
    const rounds = (): string[] => ['r0', 'r1', 'r2'];
    const good = [
      applied('k', 'r0', { seq: 1 }),
      applied('k', 'r1', { seq: 2 }),
      applied('k', 'r2', { seq: 3 }),
    ];
    assert.deepEqual(checkPerKeyOrder(['k'], good, rounds), []);
    const swapped = [good[0]!, good[2]!, good[1]!];
    assert.equal(checkPerKeyOrder(['k'], swapped, rounds).length, 1);
    assert.equal(checkPerKeyOrder(['k'], [good[0]!, good[2]!], rounds).length, 1);
  });

  it('per thread: catches a thread whose events arrived out of order', () => {
    const inOrder = [
      applied('a', 'v', { thread: 1, seq: 1 }),
      applied('b', 'v', { thread: 2, seq: 1 }),
      applied('c', 'v', { thread: 1, seq: 2 }),
    ];
    assert.deepEqual(checkPerThreadOrder(inOrder), []);
    const outOfOrder = [
      applied('c', 'v', { thread: 1, seq: 2 }),
      applied('a', 'v', { thread: 1, seq: 1 }),
    ];
    assert.equal(checkPerThreadOrder(outOfOrder).length, 1);
  });

  it('write order: catches a reordering and a missing key', () => {
    const history = [applied('k0', 'v', { seq: 1 }), applied('k1', 'v', { seq: 2 })];
    assert.deepEqual(checkWriteOrder(['k0', 'k1'], history), []);
    assert.equal(checkWriteOrder(['k1', 'k0'], history).length, 1);
    assert.equal(checkWriteOrder(['k0', 'k1', 'k2'], history).length, 1);
  });
});
