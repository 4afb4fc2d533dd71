import { FRAME_HEADER_BYTES, encodeFrame, encodePayload } from '../../net/frame-codec.js';
import type { RegionEvent } from '../../region/region-event.js';
import { compressPayload, type Codec } from './batch-compression.js';

/** A batch frame ready to write, with what its payload weighed before and after compression. */
export interface EncodedBatch {
  frame: Buffer;
  bytesBeforeCompression: number;
  bytesOnWire: number;
}

/** The frame of a batch without compression: a `batch` message, as before issue 15. */
export function encodePlainBatch(batchId: number, events: readonly RegionEvent[]): EncodedBatch {
  const frame = encodeFrame({ t: 'batch', batchId, events });
  const bytes = frame.length - FRAME_HEADER_BYTES;
  return { frame, bytesBeforeCompression: bytes, bytesOnWire: bytes };
}

/**
 * The frame of a batch with compression (issue 15): a `zbatch` whose data is the compressed
 * MessagePack encoding of the events. Only the payload is compressed: the frame header and
 * the message around the data stay as they are.
 */
export async function encodeCompressedBatch(
  codec: Codec,
  batchId: number,
  events: readonly RegionEvent[],
): Promise<EncodedBatch> {
  const payload = encodePayload(events);
  const data = await compressPayload(codec, payload);
  const frame = encodeFrame({ t: 'zbatch', batchId, data });
  return {
    frame,
    bytesBeforeCompression: payload.length,
    bytesOnWire: frame.length - FRAME_HEADER_BYTES,
  };
}
