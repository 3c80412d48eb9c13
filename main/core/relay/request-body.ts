// Reads a client's request body once into a Buffer, capped, decompressing gzip/deflate/br/zstd bodies (also capped),
// its bytes counted against the hub-wide body budget (the caller releases the lease when the request ends).
import type { IncomingMessage } from 'node:http';
import * as zlib from 'node:zlib';
import type { BodyLease } from '../limits/body-budget';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; status: 413 | 415 | 400; code: string; message: string }
  | { ok: false; status: 'overloaded'; code: string; message: string };

const MiB = 1024 * 1024;

/**
 * A body with a declared length takes that many bytes from the budget before any is read; one that arrives in one
 * chunk is used as it is (no copy), a longer one is copied into one buffer of that size, so its chunks are garbage at
 * once and it never costs twice its size. A chunked body takes its bytes chunk by chunk and is joined at the end.
 */
export function readRequestBody(req: IncomingMessage, maxBytes: number, lease: BodyLease): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  const hasLength = req.headers['content-length'] !== undefined && Number.isSafeInteger(declared) && declared >= 0;
  if (hasLength && declared > maxBytes) {
    req.resume();
    return Promise.resolve(tooLarge(maxBytes));
  }
  if (hasLength && !lease.take(declared)) {
    req.resume();
    return Promise.resolve(overloaded());
  }
  return new Promise((resolve) => {
    let whole: Buffer | undefined;
    let target: Buffer | undefined;
    let chunks: Buffer[] = [];
    let size = 0;
    // The listeners live as long as the request (a keep-alive connection keeps it): they must not keep the body.
    const finish = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      whole = undefined;
      target = undefined;
      chunks = [];
      resolve(result);
    };
    const refuse = (result: BodyResult) => {
      lease.release();
      req.resume();
      finish(result);
    };
    const onData = (chunk: Buffer) => {
      if (hasLength) {
        if (size === 0 && chunk.length === declared) {
          whole = chunk;
          size = declared;
          return;
        }
        // The parser never passes more than the declared length.
        target ??= Buffer.allocUnsafeSlow(declared);
        size += chunk.copy(target, size);
        return;
      }
      size += chunk.length;
      if (size > maxBytes) return refuse(tooLarge(maxBytes));
      if (!lease.take(chunk.length)) return refuse(overloaded());
      chunks.push(chunk);
    };
    const onEnd = () => {
      const raw =
        whole ??
        (target ? target.subarray(0, size) : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
      finish(decode(raw, req.headers['content-encoding'], maxBytes, lease));
    };
    const onError = () => {
      lease.release();
      finish({ ok: false, status: 400, code: 'body_read_error', message: 'the request body could not be read' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function overloaded(): BodyResult {
  return {
    ok: false,
    status: 'overloaded',
    code: 'hub_overloaded',
    message: 'the hub is holding as many request bodies as its memory budget allows; retry shortly',
  };
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

function decode(raw: Buffer, encodingHeader: string | undefined, maxBytes: number, lease: BodyLease): BodyResult {
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
  let body: Buffer;
  try {
    body = fn(raw, { maxOutputLength: maxBytes });
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
  // The compressed bytes are garbage now; the decoded ones are what the request holds.
  lease.give(raw.length);
  if (!lease.take(body.length)) return overloaded();
  return { ok: true, body };
}
