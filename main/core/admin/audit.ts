// Records admin changes and logins in the audit log: who, what, before/after with every secret redacted, from where.
import type { Request } from 'express';
import { clientAddress } from '../client-address';
import type { HubContext } from '../context';
import { redactSecrets } from '../logger';
import { SECRET_NAME } from '../secrets/redactor';
import type { Principal } from './auth';

/** How an actor is written: the admin token, or the user and key that acted. */
export function actorOf(principal: Principal | null): string {
  if (!principal) return 'anonymous';
  if (principal.kind === 'admin' && principal.userId === undefined) return 'admin-token';
  return `user:${principal.userId ?? '?'} key:${principal.keyId ?? '?'}`;
}

/** Field names whose string values are secrets (the provider `apiKey` is kept only in its masked form). */
const SECRET_FIELD = SECRET_NAME;
const MASKED = /^.{0,8}….{0,8}$/;

/** `scheme://user:password@host` → `scheme://user:***@host` (proxy and import URLs may carry credentials). */
export function stripUrlPassword(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]*@/gi, '$1***@');
}

/**
 * A deep copy safe to store: secret-named string fields become "***" (a provider apiKey already masked as
 * "sk-ab…wxyz" stays so), URL passwords are masked, and every other string is passed through the log redactor.
 */
export function redactForAudit(value: unknown, field = ''): unknown {
  if (typeof value === 'string') {
    if (field === 'apiKey' && MASKED.test(value)) return value;
    if (SECRET_FIELD.test(field)) return '***';
    return redactSecrets(stripUrlPassword(value));
  }
  if (Array.isArray(value)) return value.map((v) => redactForAudit(v));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    // A `{ name, value }` pair (a provider's header override) names its secret in `name`.
    const named = (value as { name?: unknown }).name;
    const secretPair = typeof named === 'string' && SECRET_FIELD.test(named);
    for (const [k, v] of Object.entries(value)) out[k] = redactForAudit(v, secretPair && k === 'value' ? named : k);
    return out;
  }
  return value;
}

export interface AuditContext {
  ctx: HubContext;
  req: Request;
  principal: Principal | null;
}

/** Appends one entry; a failure to audit is logged and never fails the change it describes. */
export function recordAudit(
  { ctx, req, principal }: AuditContext,
  action: string,
  target: string | null,
  before: unknown,
  after: unknown,
): void {
  try {
    ctx.store.audit.insert(
      {
        actor: actorOf(principal),
        action,
        target: target === null ? null : redactSecrets(stripUrlPassword(target)),
        before: before === undefined ? null : redactForAudit(before),
        after: after === undefined ? null : redactForAudit(after),
        ip: clientAddress(req, ctx.config.trustedProxies),
      },
      ctx.clock.now(),
    );
  } catch (err) {
    ctx.logger.error(`audit log write failed for ${action}: ${String(err)}`);
  }
}
