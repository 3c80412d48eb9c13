// First look at a whole upstream body: empty, an HTML page, not JSON, or parsed JSON for the format's reader.
import { firstMeaningfulByte } from './bytes';
import { scanMembers } from './json-members';
import { emptyUsage, type JsonInspection, type UpstreamBodyError } from './types';

export type BodyCheck = { ok: true; value: unknown } | { ok: false; error: UpstreamBodyError };

export function htmlBodyError(body: Buffer): UpstreamBodyError {
  const head = body.toString('utf8', 0, Math.min(body.length, 4096));
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim();
  const gist = title || head.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { type: 'html_body', message: `upstream answered with an HTML page: ${gist}` };
}

/** The only members the format readers look at in a whole JSON answer (usage, model, errors). */
const READ_KEYS = new Set([
  'usage',
  'model',
  'error',
  'type',
  'code',
  'message',
  'status',
  'usageMetadata',
  'modelVersion',
]);

/**
 * Object answers up to this size are parsed whole: below it JSON.parse is faster than the member scan; above it the
 * scan wins, and by far for long answers (whose message text is never parsed).
 */
const PARSE_WHOLE_MAX_BYTES = 8192;

export function checkBody(body: Buffer, contentType: string | undefined): BodyCheck {
  const start = firstMeaningfulByte(body);
  if (start < 0) return { ok: false, error: { type: 'empty_body', message: 'upstream answered with an empty body' } };
  if (body[start] === 0x3c /* < */ || (contentType !== undefined && /text\/html/i.test(contentType))) {
    return { ok: false, error: htmlBodyError(body) };
  }
  if (body[start] === 0x7b /* { */ && body.length > PARSE_WHOLE_MAX_BYTES) return readObject(body, start);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8', start));
  } catch {
    return { ok: false, error: notJson(body, start) };
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, error: { type: 'invalid_json', message: 'upstream body is not a JSON object' } };
  }
  return { ok: true, value };
}

/**
 * A long object answer is checked whole but only the members the readers need are parsed: the answer's content (which
 * can be tens of KB of text) is never materialised.
 */
function readObject(body: Buffer, start: number): BodyCheck {
  const scanned = scanMembers(body);
  if (!scanned.ok) return { ok: false, error: notJson(body, start) };
  const value: Record<string, unknown> = {};
  try {
    for (const m of scanned.members) {
      if (READ_KEYS.has(m.key)) value[m.key] = JSON.parse(body.toString('utf8', m.start, m.end));
    }
  } catch {
    return { ok: false, error: notJson(body, start) }; // a raw control character the scan lets through
  }
  return { ok: true, value };
}

/**
 * Inspects a whole (non-stream) upstream body with a format's reader: `empty_body`, `html_body` (content-type text/html
 * or a body starting with `<`), `invalid_json`, else what the reader finds (an error object's own type and message, or
 * the usage and model).
 */
export function inspectBody(
  body: Buffer,
  contentType: string | undefined,
  read: (parsed: unknown) => JsonInspection,
): JsonInspection {
  const check = checkBody(body, contentType);
  if (!check.ok) return { usage: emptyUsage(), error: check.error };
  return read(check.value);
}

function notJson(body: Buffer, start: number): UpstreamBodyError {
  const gist = body.toString('utf8', start, Math.min(body.length, start + 200)).replace(/\s+/g, ' ');
  return { type: 'invalid_json', message: `upstream body is not JSON: ${gist}` };
}
