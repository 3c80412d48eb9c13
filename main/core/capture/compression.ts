// Compresses captured bodies with node's zlib (brotli or gzip) on libuv's thread pool, and reads them back.
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants, gunzipSync, gzip } from 'node:zlib';

export type Codec = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Brotli at quality 5: most of its ratio on JSON at a small share of its top quality's time. */
export function compress(text: string, codec: Codec): Promise<Buffer> {
  const input = Buffer.from(text, 'utf8');
  if (codec === 'gzip') return gzipAsync(input, { level: 6 });
  return brotli(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
    },
  });
}

/** A stored body as text (an admin reads one at a time). */
export function decompress(data: Buffer, codec: Codec): string {
  return (codec === 'gzip' ? gunzipSync(data) : brotliDecompressSync(data)).toString('utf8');
}

/** Stored bodies as the API shows them: decompressed text (rows from before compression are text already). */
export function readableBodies(stored: {
  codec: 'none' | Codec;
  request: Buffer | string | null;
  response: Buffer | string | null;
  truncated: boolean;
}): { request: string | null; response: string | null; truncated: boolean } {
  const text = (v: Buffer | string | null) =>
    v === null
      ? null
      : typeof v === 'string'
        ? v
        : stored.codec === 'none'
          ? v.toString('utf8')
          : decompress(v, stored.codec);
  return { request: text(stored.request), response: text(stored.response), truncated: stored.truncated };
}
