import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliDecompress,
  constants,
  deflate,
  gunzip,
  gzip,
  inflate,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { TransportCompression } from '../../../contract/transport.js';
import { EngineError, errorMessage } from '../../errors.js';

/** A codec of the gateway wire other than `none` (issue 15). */
export type Codec = Exclude<TransportCompression, 'none'>;

type Zip = (input: Buffer, options: ZlibOptions & BrotliOptions) => Promise<Buffer>;

/** Brotli's default quality (11) costs ~100x gzip's time per byte; 4 is on a par with gzip. */
const BROTLI_QUALITY = 4;

const COMPRESS: Record<Codec, Zip> = {
  gzip: promisify(gzip),
  deflate: promisify(deflate),
  brotli: promisify(brotliCompress),
};

const DECOMPRESS: Record<Codec, Zip> = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  brotli: promisify(brotliDecompress),
};

/** Compresses off the event loop (zlib's thread pool). */
export function compressPayload(codec: Codec, payload: Buffer): Promise<Buffer> {
  const options =
    codec === 'brotli'
      ? { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }
      : { level: constants.Z_DEFAULT_COMPRESSION };
  return COMPRESS[codec](payload, options);
}

/**
 * Decompresses at most `maxOutputBytes` (the receiver's frame limit): a payload that inflates
 * beyond it (a decompression bomb) or does not decompress is refused with a coded error, after
 * at most that many bytes were allocated.
 */
export async function decompressPayload(
  codec: Codec,
  data: Uint8Array,
  maxOutputBytes: number,
): Promise<Buffer> {
  const input = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  try {
    return await DECOMPRESS[codec](input, { maxOutputLength: maxOutputBytes });
  } catch (cause) {
    if (isBufferTooLarge(cause)) {
      throw new EngineError(
        'WAN_ERR_FRAME_TOO_LARGE',
        `a ${codec} batch of ${input.length} bytes inflates beyond the limit of ${maxOutputBytes} bytes`,
        'the sender splits batches to fit the frame limit before compressing; this one did not',
        { cause },
      );
    }
    throw new EngineError(
      'WAN_ERR_PROTOCOL',
      `a batch does not decompress with ${codec}: ${errorMessage(cause)}`,
      'the sender and the receiver must agree on transport.compression, and the stream must be intact',
      { cause },
    );
  }
}

function isBufferTooLarge(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
}
