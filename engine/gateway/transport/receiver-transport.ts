import type { ReceiverTransportStatus, TransportCompression } from '../../../contract/transport.js';

/** A receiver's transport counters (issue 15), totals since the receiver was created. */
export interface ReceiverTransportCounters {
  /** Compressed payload bytes of the batches received. */
  batchBytesOnWire: number;
  /** The same batches once decompressed. */
  batchBytesDecompressed: number;
  /** Handshakes refused for a sender of another codec (also in handshakesRefused). */
  transportMismatches: number;
}

export function emptyReceiverTransportCounters(): ReceiverTransportCounters {
  return { batchBytesOnWire: 0, batchBytesDecompressed: 0, transportMismatches: 0 };
}

export function receiverTransportStatus(
  compression: TransportCompression,
  counters: ReceiverTransportCounters,
): ReceiverTransportStatus {
  return { compression, ...counters };
}
