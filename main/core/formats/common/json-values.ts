// Small readers for untyped parsed JSON: records, token counters, strings, and a parse that never throws.

export type JsonRecord = Record<string, unknown>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v[key]` when `v` is an object, else undefined. */
export function field(v: unknown, key: string): unknown {
  return isRecord(v) ? v[key] : undefined;
}

/** A finite, non-negative number (a token counter), else undefined. */
export function counter(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A non-empty string, or a number rendered as a string (error codes come as either). */
export function codeString(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** JSON.parse of UTF-8 bytes; undefined when they are not JSON (JSON itself can never yield undefined). */
export function parseJsonBytes(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The first element of an array, else undefined. */
export function first(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : undefined;
}

/** The `text` strings of an array of parts (content blocks, Gemini parts), joined; '' when there are none. */
export function joinedTexts(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  return parts
    .map((p) => field(p, 'text'))
    .filter((t): t is string => typeof t === 'string')
    .join('');
}
