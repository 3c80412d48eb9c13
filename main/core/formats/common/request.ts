// Request-body byte surgery: splicing a redirected model name into the original JSON without re-serialising it.
import { skipWhitespace } from './bytes';
import { scanMembers } from './json-members';

/**
 * Replaces the value of the top-level `"model"` string member in the original JSON bytes, leaving every other
 * byte as it was. Nested objects and strings are skipped, so a message text containing `"model":"x"` is never
 * touched; duplicate top-level keys are all replaced. Returns null when the body is not a JSON object or has no
 * top-level model string.
 */
export function spliceModel(body: Buffer, newModel: string): Buffer | null {
  const scanned = scanMembers(body);
  if (!scanned.ok) return null;
  const ranges = scanned.members.filter((m) => m.key === 'model' && body[m.start] === 0x22);
  if (ranges.length === 0) return null;
  const replacement = Buffer.from(JSON.stringify(newModel));
  const pieces: Buffer[] = [];
  let from = 0;
  for (const { start, end } of ranges) {
    pieces.push(body.subarray(from, start), replacement);
    from = end;
  }
  pieces.push(body.subarray(from));
  return Buffer.concat(pieces);
}

/**
 * Inserts `"key":<valueJson>` as the first field of the top-level object, leaving every other byte as it was.
 * Returns null when the body is not a JSON object.
 */
export function prependField(body: Buffer, key: string, valueJson: string): Buffer | null {
  const open = skipWhitespace(body, 0);
  if (body[open] !== 0x7b) return null;
  const next = skipWhitespace(body, open + 1);
  const isEmpty = body[next] === 0x7d;
  const field = Buffer.from(`${JSON.stringify(key)}:${valueJson}${isEmpty ? '' : ','}`);
  return Buffer.concat([body.subarray(0, open + 1), field, body.subarray(open + 1)]);
}
