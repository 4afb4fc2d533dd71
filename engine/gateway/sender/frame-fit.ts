import type { RegionEvent } from '../../region/region-event.js';
import { FRAME_HEADER_BYTES, encodeFrame } from '../../net/frame-codec.js';
import { estimateEventBytes } from '../queue/event-size.js';

/**
 * How much of a batch fits one frame of the receiver (issue 14, finding 5; Geode halves its
 * batch on MessageTooLargeException). The estimate (event-size.ts, at least twice the encoded
 * size for ordinary events) spares the encoding when the batch is clearly small.
 */
export type FrameFit =
  | { kind: 'fits'; events: RegionEvent[] }
  | { kind: 'too-large'; event: RegionEvent; bytes: number };

export function batchPayloadBytes(events: readonly RegionEvent[]): number {
  return encodeFrame({ t: 'batch', batchId: 0, events }).length - FRAME_HEADER_BYTES;
}

/** The longest prefix, halving, whose batch frame is within `maxFrameBytes`. */
export function fitToFrame(batch: RegionEvent[], maxFrameBytes: number): FrameFit {
  let part = batch;
  while (part.length > 0) {
    if (clearlyFits(part, maxFrameBytes)) return { kind: 'fits', events: part };
    const bytes = batchPayloadBytes(part);
    if (bytes <= maxFrameBytes) return { kind: 'fits', events: part };
    if (part.length === 1) return { kind: 'too-large', event: part[0]!, bytes };
    part = part.slice(0, Math.ceil(part.length / 2));
  }
  return { kind: 'fits', events: part };
}

function clearlyFits(events: readonly RegionEvent[], maxFrameBytes: number): boolean {
  let estimate = 0;
  for (const event of events) estimate += estimateEventBytes(event);
  return estimate * 2 <= maxFrameBytes;
}
