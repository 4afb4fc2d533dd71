import assert from 'node:assert/strict';
import { test } from 'node:test';
import { credentialKey } from '../../contract/site-credentials.js';
import { Credentials, PROOF_AGE_MAX_MS } from './credentials.js';

const SECRET_1 = 'site-one-secret-0123456789abcdefghijklmnop';
const SECRET_2 = 'site-two-secret-0123456789abcdefghijklmnop';

/** Site 2's view: its own secret, and the gateway and locator keys of site 1. */
function siteTwo(now: () => number = Date.now, secretOfOne = SECRET_1): Credentials {
  return new Credentials(
    {
      siteSecret: SECRET_2,
      gatewayFrom: { '1': credentialKey(secretOfOne, 'gateway', 1, 2) },
      locatorsFrom: { '1': credentialKey(secretOfOne, 'locator', 1, 2) },
    },
    2,
    now,
  );
}

function siteOne(now: () => number = Date.now): Credentials {
  return new Credentials({ siteSecret: SECRET_1, gatewayFrom: {}, locatorsFrom: {} }, 1, now);
}

const HELLO = ['to-site2', 1, 'site1-m1', 0, 2];

test('a proof of a connected site is taken once; a replay, another hello or another key is refused', () => {
  const receiver = siteTwo();
  const proof = siteOne().prove('gateway', 2, HELLO);
  assert.equal(receiver.refusal('gateway', proof, HELLO, 1), undefined);
  assert.match(receiver.refusal('gateway', proof, HELLO, 1)!, /replay/);
  const other = siteOne().prove('gateway', 2, HELLO);
  assert.match(receiver.refusal('gateway', other, ['to-site2', 1, 'x', 0, 2], 1)!, /wrong/);
  assert.match(siteTwo(Date.now, SECRET_2).refusal('gateway', other, HELLO, 1)!, /wrong/);
});

test('no proof, a proof of the wrong shape, of another site or too old is refused', () => {
  const receiver = siteTwo();
  assert.match(receiver.refusal('gateway', undefined, HELLO, 1)!, /no credentials/);
  assert.match(receiver.refusal('gateway', { dsid: 1 }, HELLO, 1)!, /shape/);
  const proof = siteOne().prove('gateway', 2, HELLO)!;
  assert.match(receiver.refusal('gateway', proof, HELLO, 3)!, /site 1 for a handshake from site 3/);
  // A site not connected to this one for gateways (site 3 sends nothing here).
  const three = new Credentials({ siteSecret: SECRET_1, gatewayFrom: {}, locatorsFrom: {} }, 3);
  assert.match(
    receiver.refusal('gateway', three.prove('gateway', 2, HELLO), HELLO, 3)!,
    /not connected/,
  );
  const old = siteOne(() => Date.now() - PROOF_AGE_MAX_MS - 1000).prove('gateway', 2, HELLO);
  assert.match(receiver.refusal('gateway', old, HELLO, 1)!, /away from now/);
});

test('a gateway proof does not pass as a locator or site proof', () => {
  const receiver = siteTwo();
  const proof = siteOne().prove('gateway', 2, HELLO);
  assert.match(receiver.refusal('locator', proof, HELLO, 1)!, /wrong/);
  assert.match(receiver.refusal('site', proof, HELLO, 1)!, /not connected/);
  const locator = siteOne().prove('locator', 99, HELLO);
  assert.equal(receiver.refusal('locator', locator, HELLO, 1), undefined);
});

test('within a site, the site secret proves members and locators; without security all is taken', () => {
  const a = siteTwo();
  const b = siteTwo();
  assert.equal(b.refusal('site', a.prove('site', 2, ['peer']), ['peer'], 2), undefined);
  assert.equal(Credentials.none(2).refusal('site', undefined, ['peer'], 2), undefined);
  assert.equal(Credentials.none(2).prove('site', 2, ['peer']), undefined);
});
