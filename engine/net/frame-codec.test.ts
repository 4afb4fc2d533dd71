import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isEngineError } from '../errors.js';
import { FRAME_HEADER_BYTES, FrameDecoder, encodeFrame } from './frame-codec.js';

const message = { t: 'batch', batchId: 3, events: [{ key: 'k', value: 'v'.repeat(50) }] };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isEngineError(error) ? error.code : 'not an engine error';
  }
  return undefined;
}

describe('the frame codec', () => {
  it('decodes what it encodes, the length header first', () => {
    const frame = encodeFrame(message);
    assert.equal(frame.readUInt32BE(0), frame.length - FRAME_HEADER_BYTES);
    assert.deepEqual(new FrameDecoder().push(frame), [message]);
  });

  it('reassembles a frame pushed a byte at a time, header split too', () => {
    const frame = encodeFrame(message);
    const decoder = new FrameDecoder();
    const out: unknown[] = [];
    for (let i = 0; i < frame.length; i++) out.push(...decoder.push(frame.subarray(i, i + 1)));
    assert.deepEqual(out, [message]);
    assert.equal(decoder.bufferedBytes, 0);
  });

  it('returns every frame of one chunk, and keeps the start of the next', () => {
    const second = { t: 'ping' };
    const both = Buffer.concat([encodeFrame(message), encodeFrame(second), encodeFrame(second)]);
    const decoder = new FrameDecoder();
    assert.deepEqual(decoder.push(both.subarray(0, both.length - 2)), [message, second]);
    assert.deepEqual(decoder.push(both.subarray(both.length - 2)), [second]);
  });

  it('refuses a frame over the limit from its header alone, before buffering it', () => {
    const decoder = new FrameDecoder(1024);
    const header = Buffer.alloc(FRAME_HEADER_BYTES);
    header.writeUInt32BE(1025, 0);
    assert.equal(
      codeOf(() => decoder.push(header)),
      'WAN_ERR_FRAME_TOO_LARGE',
    );
  });

  it('takes a frame exactly at the limit', () => {
    const frame = encodeFrame(message);
    const decoder = new FrameDecoder(frame.length - FRAME_HEADER_BYTES);
    assert.deepEqual(decoder.push(frame), [message]);
  });

  it('refuses a truncated MessagePack payload with a protocol error', () => {
    const payload = Buffer.from([0x92, 0x01]); // an array of two that holds one
    const frame = Buffer.concat([Buffer.alloc(FRAME_HEADER_BYTES), payload]);
    frame.writeUInt32BE(payload.length, 0);
    assert.equal(
      codeOf(() => new FrameDecoder().push(frame)),
      'WAN_ERR_PROTOCOL',
    );
  });
});
