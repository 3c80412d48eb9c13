// The hub's own words in a request's row and decision chain (blockedBy codes, step reasons) in the console's language;
// text the console has no translation for (an upstream's error, a new reason) is shown as the hub wrote it.
import type { MessageKey } from '../../i18n/catalogue';
import type { Translate } from '../../i18n/I18nProvider';

const BLOCKED_BY: Record<string, MessageKey> = {
  key_expired: 'blockedBy.key_expired',
  key_disabled: 'blockedBy.key_disabled',
  user_disabled: 'blockedBy.user_disabled',
  user_expired: 'blockedBy.user_expired',
  model_not_allowed: 'blockedBy.model',
  model: 'blockedBy.model',
  quota: 'blockedBy.quota',
  rpm_limit: 'blockedBy.rpm',
  content_rule: 'blockedBy.content_rule',
  client: 'blockedBy.client',
};

/**
 * Why a row was blocked, in words. A `quota` row says which window through its error class (`rpm_limit`,
 * `daily_limit`…, read as a spend limit).
 */
export function blockedByText(blockedBy: string, t: Translate, errorClass?: string | null): string {
  const code = blockedBy === 'quota' && errorClass ? errorClass : blockedBy;
  const key = BLOCKED_BY[code];
  if (key) return t(key);
  if (/_limit$|_spend$|quota/.test(code)) return t('blockedBy.quota');
  return code;
}

/** Reason patterns as the relay writes them, each with its message and the captured values it fills in. */
const REASONS: readonly [RegExp, MessageKey, readonly string[]][] = [
  [/^success$/, 'reason.success', []],
  [/^failed after the answer began$/, 'reason.failedAfterStart', []],
  [/^client closed the connection$/, 'reason.clientClosed', []],
  [/^sent as model (.+)$/, 'reason.sentAs', ['model']],
  [/^reusing the session's provider$/, 'reason.sessionReuse', []],
  [/^the session's provider is not a candidate now; choosing again$/, 'reason.sessionRechoose', []],
  [/^bound provider opted out of stickiness$/, 'reason.sessionOptOut', []],
  [/^not in the caller's groups \((.*)\)$/, 'reason.groups', ['groups']],
  [/^does not serve model (.+)$/, 'reason.model', ['model']],
  [/^circuit open until (.+)$/, 'reason.breakerOpen', ['until']],
  [/^rate-limited by the provider for (\d+) s more$/, 'reason.cooldown', ['seconds']],
  [/^at its limit of (\d+) concurrent sessions \((\d+) live\)$/, 'reason.sessions', ['limit', 'live']],
  [/^outside its schedule (\S+)-(\S+) \((.+)\)$/, 'reason.schedule', ['start', 'end', 'zone']],
  [/^this hub key is disabled$/, 'blockedBy.key_disabled', []],
  [/^this hub key has expired$/, 'blockedBy.key_expired', []],
  [/^this hub key was rotated and has retired$/, 'reason.keyRetired', []],
  [/^this key's user is disabled$/, 'blockedBy.user_disabled', []],
  [/^this key's user has expired$/, 'blockedBy.user_expired', []],
  [/^model (.+) is not allowed for this user$/, 'reason.modelNotAllowed', ['model']],
];

/** A decision step's reason in the console's language (as written when no pattern knows it). */
export function reasonText(reason: string, t: Translate): string {
  for (const [pattern, key, names] of REASONS) {
    const m = pattern.exec(reason);
    if (!m) continue;
    const vars: Record<string, string> = {};
    names.forEach((name, i) => {
      vars[name] = m[i + 1] ?? '';
    });
    return t(key, vars);
  }
  return reason;
}
