import type {
  SenderTransportStatus,
  TransportCompression,
  TransportRefusal,
} from '../../../contract/transport.js';

/**
 * One sender's transport filters on one member (issue 15): its codec, shared by every lane,
 * the bytes its batches took before and after compression, and the last handshake refusal
 * (a codec mismatch shows here while the sender stays disconnected).
 */
export class SenderTransport {
  readonly compression: TransportCompression;
  #bytesBefore = 0;
  #bytesOnWire = 0;
  #lastRefusal: TransportRefusal | undefined;

  constructor(compression: TransportCompression) {
    this.compression = compression;
  }

  countBatch(bytesBeforeCompression: number, bytesOnWire: number): void {
    this.#bytesBefore += bytesBeforeCompression;
    this.#bytesOnWire += bytesOnWire;
  }

  refused(refusal: TransportRefusal): void {
    this.#lastRefusal = refusal;
  }

  welcomed(): void {
    this.#lastRefusal = undefined;
  }

  status(): SenderTransportStatus {
    return {
      compression: this.compression,
      batchBytesBeforeCompression: this.#bytesBefore,
      batchBytesOnWire: this.#bytesOnWire,
      ...(this.#lastRefusal ? { lastRefusal: { ...this.#lastRefusal } } : {}),
    };
  }
}
