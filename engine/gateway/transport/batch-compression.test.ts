import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { isEngineError } from '../../errors.js';
import { decodePayload } from '../../net/frame-codec.js';
import { compressPayload, decompressPayload, type Codec } from './batch-compression.js';
import { encodeCompressedBatch, encodePlainBatch } from './batch-frame.js';
import type { RegionEvent } from '../../region/region-event.js';

const CODECS: Codec[] = ['gzip', 'deflate', 'brotli'];

function event(i: number): RegionEvent {
  return {
    region: 'data',
    key: `k${i}`,
    op: 'create',
    value: 'compressible '.repeat(40),
    version: { timestamp: 1, dsid: 1, member: 'm', entryVersion: 1 },
    id: { member: 'm', thread: 1, seq: i },
    originDsid: 1,
    recipients: [2],
    possibleDuplicate: false,
    createdAtMs: 1,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isEngineError(error) ? error.code : 'not an engine error';
  }
  return undefined;
}

describe('batch compression (issue 15)', () => {
  for (const codec of CODECS) {
    it(`${codec}: what is compressed decompresses to the same bytes`, async () => {
      const payload = Buffer.from('abc '.repeat(1000));
      const data = await compressPayload(codec, payload);
      assert.ok(data.length < payload.length / 10, `${data.length} bytes`);
      assert.deepEqual(await decompressPayload(codec, data, 1 << 20), payload);
    });
  }

  it('a payload that inflates beyond the limit is refused (WAN_ERR_FRAME_TOO_LARGE)', async () => {
    const bomb = gzipSync(Buffer.alloc(8 << 20));
    assert.ok(bomb.length < 64 * 1024);
    assert.equal(await codeOf(decompressPayload('gzip', bomb, 1 << 20)), 'WAN_ERR_FRAME_TOO_LARGE');
  });

  it('bytes of another codec, or none, are refused (WAN_ERR_PROTOCOL)', async () => {
    const gzipped = await compressPayload('gzip', Buffer.from('x'.repeat(100)));
    assert.equal(await codeOf(decompressPayload('brotli', gzipped, 1 << 20)), 'WAN_ERR_PROTOCOL');
    assert.equal(
      await codeOf(decompressPayload('gzip', Buffer.from('not gzip'), 1 << 20)),
      'WAN_ERR_PROTOCOL',
    );
  });

  it('a compressed batch counts fewer bytes on the wire than before; a plain one the same', async () => {
    const events = Array.from({ length: 20 }, (_, i) => event(i));
    const plain = encodePlainBatch(0, events);
    assert.equal(plain.bytesOnWire, plain.bytesBeforeCompression);
    const zipped = await encodeCompressedBatch('gzip', 0, events);
    assert.ok(zipped.bytesOnWire * 4 < zipped.bytesBeforeCompression);
    assert.ok(zipped.bytesBeforeCompression <= plain.bytesBeforeCompression);
    const message = decodePayload(zipped.frame.subarray(4)) as { t: string; data: Uint8Array };
    assert.equal(message.t, 'zbatch');
    const inflated = await decompressPayload('gzip', message.data, 1 << 20);
    assert.deepEqual(decodePayload(inflated), events);
  });
});
