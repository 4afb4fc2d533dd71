import { Packr } from 'msgpackr';
import type { BadGatewayInput, GatewayWire } from '../engine-driver.js';

/**
 * wanlab's gateway wire protocol as docs/architecture.md documents it ("Wire protocol"): a
 * 4-byte big-endian length, then a MessagePack map with msgpackr records. Written here from
 * the documentation, not taken from the engine, so what the engine decodes is checked
 * against what it promises.
 */
const packr = new Packr({ useRecords: true, encodeUndefinedAsNil: true, mapsAsObjects: true });

function frame(message: unknown): Buffer {
  const payload = packr.pack(message);
  const bytes = Buffer.allocUnsafe(4 + payload.length);
  bytes.writeUInt32BE(payload.length, 0);
  payload.copy(bytes, 4);
  return bytes;
}

/** A frame whose payload announces a 5-byte string and ends after 2: no decoder accepts it. */
const NOT_MESSAGEPACK = Buffer.from([0, 0, 0, 4, 0xd9, 5, 0x61, 0x62]);

export const wanlabGatewayWire: GatewayWire = {
  badInput(kind: BadGatewayInput): Buffer {
    switch (kind) {
      case 'garbage':
        return NOT_MESSAGEPACK;
      case 'oversized': {
        // A header announcing 1 GiB; the receiver must refuse it before buffering a byte of it.
        const header = Buffer.alloc(8);
        header.writeUInt32BE(2 ** 30, 0);
        return header;
      }
      case 'batch-before-hello':
        return frame({ t: 'batch', batchId: 0, events: [] });
    }
  },
  batchFrame(events: readonly unknown[]): Buffer {
    return frame({ t: 'batch', batchId: 1, events });
  },
};
