// Upstream-derived text made safe to store or show: every secret the hub holds and the caller's own key masked.
import type { IncomingMessage } from 'node:http';
import type { SecretRedactor } from '../secrets/redactor';
import { readCredential } from './credentials';

/** Where the caller's hub key is read from again (only on the paths that redact, never per successful request). */
export interface CallerCredential {
  req: IncomingMessage;
  /** The `?key=` the request carried, if any. */
  queryKey: string | undefined;
}

/** The hub key the request came with. */
export function callerKey(c: CallerCredential): string | undefined {
  const credential = readCredential(c.req.headers, c.queryKey);
  return credential.ok ? credential.key : undefined;
}

/** An upstream message (error text, a stream's error event) as the hub may keep it in the log or show it to a user. */
export function redactUpstreamText(redactor: SecretRedactor, c: CallerCredential, text: string): string {
  return redactor.redact(text, callerKey(c));
}

/** An upstream error body passed on to the client: the same bytes, unless a secret in it had to be masked. */
export function redactUpstreamBody(redactor: SecretRedactor, c: CallerCredential, body: Buffer): Buffer {
  if (body.length === 0) return body;
  const text = body.toString('utf8');
  const redacted = redactUpstreamText(redactor, c, text);
  return redacted === text ? body : Buffer.from(redacted, 'utf8');
}
