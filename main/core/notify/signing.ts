// The signatures webhook targets check: the hub's own HMAC header, Feishu's and DingTalk's signing schemes.
import { createHmac } from 'node:crypto';

/** `x-cchub-signature` of the generic JSON target: `sha256=` + hex HMAC-SHA256(secret, raw body). */
export function cchubSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * Feishu custom bot: `sign` = base64(HMAC-SHA256 keyed with "timestamp\nsecret" over an empty message), sent in the
 * body with `timestamp` (seconds) beside it.
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/**
 * DingTalk custom robot: `sign` = base64(HMAC-SHA256(secret, "timestamp\nsecret")), with `timestamp` (milliseconds),
 * both in the query string (the caller URL-encodes the sign).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}
