import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DiscoveryRecord } from './discovery-view.js';
import { trustedRecords } from './record-trust.js';

function receiver(dsid: number, name: string): DiscoveryRecord {
  return {
    kind: 'receiver',
    dsid,
    name,
    address: 'h:1',
    status: 'up',
    incarnation: 1,
    generation: 0,
  };
}

const RECORDS = [receiver(1, 'own'), receiver(2, 'sender'), receiver(3, 'third')];
const names = (records: DiscoveryRecord[]): string[] => records.map((r) => r.name);

test("a site changes its own records and relays third sites', never the locator's own site's", () => {
  assert.deepEqual(names(trustedRecords(RECORDS, 2, 1, new Set())), ['sender', 'third']);
});

test('a third site heard directly is not changed by a relay', () => {
  assert.deepEqual(names(trustedRecords(RECORDS, 2, 1, new Set([3]))), ['sender']);
});

test("the locator's own site may change every record", () => {
  assert.deepEqual(names(trustedRecords(RECORDS, 1, 1, new Set([2, 3]))), [
    'own',
    'sender',
    'third',
  ]);
});
