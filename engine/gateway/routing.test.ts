import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegionEvent } from '../region/region-event.js';
import { routeEvent } from './routing.js';

const sender = (remoteDsid: number, running = true) => ({ remoteDsid, isRunning: () => running });
const event = (originDsid: number, recipients: number[]): RegionEvent => ({
  region: 'r',
  key: 'k',
  op: 'create',
  value: 'v',
  version: { timestamp: 1, dsid: originDsid, member: 'm', entryVersion: 1 },
  id: { member: 'm', thread: 0, seq: 0 },
  originDsid,
  recipients,
  possibleDuplicate: false,
  createdAtMs: 1,
});

test('a local event goes to every running sender and lists them all as recipients', () => {
  const s2 = sender(2);
  const s3 = sender(3);
  const decision = routeEvent(event(1, []), [s2, s3, sender(4, false)]);
  assert.deepEqual(decision.send, [s2, s3]);
  assert.deepEqual(decision.event.recipients, [2, 3]);
});

test('an event is never sent back to its origin site', () => {
  const decision = routeEvent(event(2, [1]), [sender(2)]);
  assert.deepEqual(decision.send, []);
});

test('a site forwards only to sites the event was not already sent to (full mesh: none)', () => {
  const decision = routeEvent(event(1, [2, 3]), [sender(1), sender(3)]);
  assert.deepEqual(decision.send, []);
});

test('a ring forwards to the next site and adds it to the recipients', () => {
  const s3 = sender(3);
  const decision = routeEvent(event(1, [2]), [s3]);
  assert.deepEqual(decision.send, [s3]);
  assert.deepEqual(decision.event.recipients, [2, 3]);
});

test('a stopped sender the event would go through is listed apart, a stopped one to its origin is not', () => {
  const stopped3 = sender(3, false);
  const decision = routeEvent(event(1, []), [sender(2), stopped3, sender(1, false)]);
  assert.deepEqual(decision.stopped, [stopped3]);
  assert.deepEqual(decision.event.recipients, [2]);
});
