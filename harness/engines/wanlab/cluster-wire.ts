import { Packr } from 'msgpackr';
import { randomBytes } from 'node:crypto';
import { credentialKey, proofOf } from '../../../contract/index.js';
import type { BadClusterInput, ClusterWire, ForgedExchange } from '../engine-driver.js';

/**
 * wanlab's locator and peer frames are the gateway's (docs/architecture.md, "Wire protocol"):
 * a 4-byte big-endian length, then MessagePack. Issue 17's two reproductions: a request of a
 * kind no locator knows (it ended the locator), and a MessagePack nil as a peer hello (it
 * ended the member).
 */
const packr = new Packr({ useRecords: true, encodeUndefinedAsNil: true, mapsAsObjects: true });

function frame(payload: Buffer): Buffer {
  const bytes = Buffer.allocUnsafe(4 + payload.length);
  bytes.writeUInt32BE(payload.length, 0);
  payload.copy(bytes, 4);
  return bytes;
}

/** What the engine's locator request proof covers (engine/locator/locator-protocol.ts). */
const EXCHANGE_CONTEXT = ['locator-request', 'exchange'];
/** Newer than any real record, so that an accepted forgery would win every merge. */
const FORGED_INCARNATION = 4e15;

function forgedExchange(forgery: ForgedExchange): Buffer {
  const { claimDsid, recordDsid, receiver, address, secret } = forgery;
  const record = (kind: 'locator' | 'receiver', dsid: number, name: string) => ({
    kind,
    dsid,
    name,
    address,
    advertise: { default: address },
    status: 'up',
    incarnation: FORGED_INCARNATION,
    generation: 0,
  });
  const request = {
    t: 'exchange',
    from: record('locator', claimDsid, 'forged-locator'),
    records: [record('receiver', recordDsid, receiver)],
  };
  if (secret === undefined) return frame(packr.pack(request));
  const atMs = Date.now();
  const nonce = randomBytes(16).toString('hex');
  const key = credentialKey(secret, 'locator', claimDsid, -1);
  const proof = proofOf(key, 'locator', claimDsid, -1, atMs, nonce, EXCHANGE_CONTEXT);
  return frame(packr.pack({ ...request, auth: { dsid: claimDsid, atMs, nonce, proof } }));
}

export const wanlabClusterWire: ClusterWire = {
  forgedExchange,
  badInput(kind: BadClusterInput): Buffer {
    switch (kind) {
      case 'unknown-request':
        return frame(packr.pack({ t: 'nope' }));
      case 'nil':
        return frame(Buffer.from([0xc0]));
    }
  },
};
