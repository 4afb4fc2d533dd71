import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiscoveryView, addressFor, type DiscoveryRecord } from './discovery-view.js';

const record = (over: Partial<DiscoveryRecord>): DiscoveryRecord => ({
  kind: 'receiver',
  dsid: 2,
  name: 'm1',
  address: '127.0.0.1:5000',
  status: 'up',
  incarnation: 1,
  generation: 1,
  ...over,
});

test('a newer generation replaces an older one, in either merge order', () => {
  const older = record({ generation: 1 });
  const newer = record({ generation: 2, status: 'down' });
  const a = new DiscoveryView();
  a.merge([older]);
  assert.equal(a.merge([newer]), true);
  const b = new DiscoveryView();
  b.merge([newer]);
  assert.equal(b.merge([older]), false);
  assert.deepEqual(a.all(), b.all());
  assert.equal(a.up('receiver').length, 0);
});

test('a restart (new incarnation) wins over any generation of the old one', () => {
  const view = new DiscoveryView();
  view.merge([record({ incarnation: 1, generation: 9, status: 'down' })]);
  view.merge([record({ incarnation: 2, generation: 0, address: '127.0.0.1:5001' })]);
  assert.equal(view.up('receiver', 2)[0]?.address, '127.0.0.1:5001');
});

test('merging the same record again reports no change', () => {
  const view = new DiscoveryView();
  assert.equal(view.merge([record({})]), true);
  assert.equal(view.merge([record({})]), false);
});

test('a site is handed the address advertised for it, else the default, else the real one', () => {
  const advertised = record({ advertise: { default: 'h:1', bySite: { '1': 'h:2' } } });
  assert.equal(addressFor(advertised, 1), 'h:2');
  assert.equal(addressFor(advertised, 3), 'h:1');
  assert.equal(addressFor(record({}), 1), '127.0.0.1:5000');
});
