/** The Toxiproxy toxics the harness applies (Toxiproxy README, "Toxics"). */
export type ToxicSpec =
  | { type: 'latency'; latencyMs: number; jitterMs?: number }
  | { type: 'bandwidth'; rateKbPerS: number }
  | { type: 'slow_close'; delayMs: number }
  | { type: 'timeout'; timeoutMs: number }
  | { type: 'reset_peer'; timeoutMs: number }
  | { type: 'slicer'; averageSizeBytes: number; sizeVariationBytes: number; delayUs: number }
  | { type: 'limit_data'; bytes: number };

export type ToxicStream = 'upstream' | 'downstream';

/** Attribute names as the Toxiproxy API spells them. */
export function toxicAttributes(toxic: ToxicSpec): Record<string, number> {
  switch (toxic.type) {
    case 'latency':
      return { latency: toxic.latencyMs, jitter: toxic.jitterMs ?? 0 };
    case 'bandwidth':
      return { rate: toxic.rateKbPerS };
    case 'slow_close':
      return { delay: toxic.delayMs };
    case 'timeout':
    case 'reset_peer':
      return { timeout: toxic.timeoutMs };
    case 'slicer':
      return {
        average_size: toxic.averageSizeBytes,
        size_variation: toxic.sizeVariationBytes,
        delay: toxic.delayUs,
      };
    case 'limit_data':
      return { bytes: toxic.bytes };
  }
}
