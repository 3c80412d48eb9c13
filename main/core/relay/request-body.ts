// Reads a client's request body once into a Buffer, capped, decompressing gzip/deflate/br/zstd bodies (also capped).
import type { IncomingMessage } from 'node:http';
import * as zlib from 'node:zlib';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; status: 413 | 415 | 400; code: string; message: string };

const MiB = 1024 * 1024;

export function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve(tooLarge(maxBytes));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        resolve(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
      resolve(decode(raw, req.headers['content-encoding'], maxBytes));
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      resolve({ ok: false, status: 400, code: 'body_read_error', message: 'the request body could not be read' });
    });
  });
}

function tooLarge(maxBytes: number): BodyResult {
  return {
    ok: false,
    status: 413,
    code: 'request_too_large',
    message: `request body exceeds the hub's limit of ${Math.round(maxBytes / MiB)} MiB`,
  };
}

type Decompressor = (buf: Buffer, opts: { maxOutputLength: number }) => Buffer;

function decompressor(encoding: string): Decompressor | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync;
    case 'deflate':
      return zlib.inflateSync;
    case 'br':
      return zlib.brotliDecompressSync;
    case 'zstd': {
      const zstd = (zlib as unknown as { zstdDecompressSync?: Decompressor }).zstdDecompressSync;
      return zstd;
    }
    default:
      return undefined;
  }
}

function decode(raw: Buffer, encodingHeader: string | undefined, maxBytes: number): BodyResult {
  const encoding = encodingHeader?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return { ok: true, body: raw };
  const fn = decompressor(encoding);
  if (!fn) {
    return {
      ok: false,
      status: 415,
      code: 'unsupported_content_encoding',
      message: `content-encoding "${encoding}" is not supported by this hub${encoding === 'zstd' ? ' (zstd needs Node 22.15+)' : ''}`,
    };
  }
  try {
    return { ok: true, body: fn(raw, { maxOutputLength: maxBytes }) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return tooLarge(maxBytes);
    }
    return {
      ok: false,
      status: 400,
      code: 'invalid_content_encoding',
      message: `the ${encoding} body could not be decompressed`,
    };
  }
}
