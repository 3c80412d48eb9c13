// Getting a LiteLLM price file for an import: from the request (JSON or multipart upload) or a URL (timeout, size cap).
import type { Request } from 'express';
import { PriceImportUrl } from '../../../shared/api-schemas';
import { type ParsedPriceTable, PriceImportError, parseLiteLlmTable } from '../billing/price-data';
import { redactSecrets } from '../logger';
import { ApiError, fromZodError } from './errors';

export interface PriceFetchLimits {
  /** Whole download, headers to last byte. */
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_PRICE_FETCH: PriceFetchLimits = { timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024 };
/** Largest upload accepted (the LiteLLM file is ~1.6 MB). */
export const MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** What the request asked to import: a URL to fetch, or the file's text itself. */
export type ImportSource = { kind: 'url'; url: string } | { kind: 'file'; text: string; name: string };

const tooLarge = (max: number) =>
  new ApiError(413, 'payload_too_large', `the price file is larger than ${Math.round(max / 1024 / 1024)} MiB`);

async function readBody(req: Request, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) {
      req.resume();
      throw tooLarge(max);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_price_file', 'the price file is not valid JSON');
  }
}

/**
 * `application/json`: `{ "url": "https://…" }` or the LiteLLM file itself as the body; `multipart/form-data`: the
 * file in a part named `file` (or the first file part). Anything else is a 415.
 */
export async function readImportSource(req: Request): Promise<{ source: ImportSource; json?: unknown }> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    const text = (await readBody(req, MAX_UPLOAD_BYTES)).toString('utf8');
    if (text.trim() === '') throw new ApiError(400, 'invalid_field', 'send { "url": … } or a LiteLLM price file');
    const json = parseJsonText(text);
    if (
      typeof json === 'object' &&
      json !== null &&
      !Array.isArray(json) &&
      Object.keys(json).length === 1 &&
      'url' in json
    ) {
      const parsed = PriceImportUrl.safeParse(json);
      if (!parsed.success) throw fromZodError(parsed.error, 'body');
      return { source: { kind: 'url', url: parsed.data.url } };
    }
    return { source: { kind: 'file', text: '', name: 'request body' }, json };
  }
  if (type.startsWith('multipart/form-data')) {
    const body = await readBody(req, MAX_UPLOAD_BYTES);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new ApiError(400, 'invalid_body', 'the multipart body could not be read');
    }
    const named = form.get('file');
    const file = named instanceof Blob ? named : [...form.values()].find((v): v is File => v instanceof Blob);
    if (!file)
      throw new ApiError(400, 'invalid_field', 'the upload has no file: send it in a part named "file"', 'file');
    return { source: { kind: 'file', text: await file.text(), name: (file as File).name || 'upload' } };
  }
  throw new ApiError(
    415,
    'unsupported_media_type',
    'send application/json ({ "url": … } or the price file) or multipart/form-data with a "file" part',
  );
}

/** Downloads a price file with a deadline and a size cap; failures are 502s that do not echo the URL's query. */
export async function fetchPriceFile(url: string, limits: PriceFetchLimits): Promise<string> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const where = (() => {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  })();
  const fail = (why: string) =>
    new ApiError(502, 'price_fetch_failed', redactSecrets(`fetching ${where} failed: ${why}`));
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow', headers: { accept: 'application/json' } });
  } catch (err) {
    throw fail(signal.aborted ? `no answer within ${limits.timeoutMs} ms` : String((err as Error).message ?? err));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw fail(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > limits.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(limits.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge(limits.maxBytes);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw fail(signal.aborted ? `no complete answer within ${limits.timeoutMs} ms` : 'the download broke off');
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The file's usable entries; a malformed file is a 400 naming the first bad entry and field. */
export function parsePriceFile(json: unknown): ParsedPriceTable {
  try {
    return parseLiteLlmTable(json);
  } catch (err) {
    if (err instanceof PriceImportError) {
      const field = err.model === undefined ? undefined : err.field ? `${err.model}.${err.field}` : err.model;
      throw new ApiError(400, 'invalid_price_file', redactSecrets(err.message), field);
    }
    throw err;
  }
}
