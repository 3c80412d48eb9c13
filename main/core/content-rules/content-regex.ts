// A content rule's regex in the linear-time engine (re2js): `pattern`, `/pattern/` or `/pattern/i`.
import { RE2JS } from 're2js';

/** The pattern without its slashes, and whether it ignores case (`/…/i`; `(?i)` inside works as RE2 reads it). */
export function regexSource(pattern: string): { source: string; ignoreCase: boolean } {
  const m = /^\/(.*)\/(i?)$/s.exec(pattern);
  return m ? { source: m[1] as string, ignoreCase: m[2] === 'i' } : { source: pattern, ignoreCase: false };
}

/** Compiles the rule's regex; throws a message fit for the admin when RE2 cannot read it. */
export function compileContentRegex(pattern: string): RE2JS {
  const { source, ignoreCase } = regexSource(pattern);
  try {
    return RE2JS.compile(source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (err) {
    throw new Error(`not a valid RE2 regular expression: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The same regex as one alternative of a set: its case flag inline. */
export function setAlternative(pattern: string): string {
  const { source, ignoreCase } = regexSource(pattern);
  return ignoreCase ? `(?i:${source})` : `(?:${source})`;
}
