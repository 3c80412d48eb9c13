// First look at a whole upstream body: empty, an HTML page, not JSON, or parsed JSON for the format's reader.
import { isJsonWhitespace } from './bytes';
import type { UpstreamBodyError } from './types';

export type BodyCheck = { ok: true; value: unknown } | { ok: false; error: UpstreamBodyError };

/** Index of the first byte that is neither JSON whitespace nor a UTF-8 byte-order mark; -1 if none. */
export function firstMeaningfulByte(buf: Buffer): number {
  let i = 0;
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
  while (i < buf.length && isJsonWhitespace(buf[i])) i++;
  return i < buf.length ? i : -1;
}

export function htmlBodyError(body: Buffer): UpstreamBodyError {
  const head = body.toString('utf8', 0, Math.min(body.length, 4096));
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim();
  const gist = title || head.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { type: 'html_body', message: `upstream answered with an HTML page: ${gist}` };
}

export function checkBody(body: Buffer, contentType: string | undefined): BodyCheck {
  const start = firstMeaningfulByte(body);
  if (start < 0) return { ok: false, error: { type: 'empty_body', message: 'upstream answered with an empty body' } };
  if (body[start] === 0x3c /* < */ || (contentType !== undefined && /text\/html/i.test(contentType))) {
    return { ok: false, error: htmlBodyError(body) };
  }
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8', start));
  } catch {
    const gist = body.toString('utf8', start, Math.min(body.length, start + 200)).replace(/\s+/g, ' ');
    return { ok: false, error: { type: 'invalid_json', message: `upstream body is not JSON: ${gist}` } };
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, error: { type: 'invalid_json', message: 'upstream body is not a JSON object' } };
  }
  return { ok: true, value };
}
