import { Packr } from 'msgpackr';
import type { BadClusterInput, ClusterWire } from '../engine-driver.js';

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

export const wanlabClusterWire: ClusterWire = {
  badInput(kind: BadClusterInput): Buffer {
    switch (kind) {
      case 'unknown-request':
        return frame(packr.pack({ t: 'nope' }));
      case 'nil':
        return frame(Buffer.from([0xc0]));
    }
  },
};
