// The providers section: every setting; the API key, secret-named headers and a proxy password sealed or withheld.
import { ProviderCreate } from '../../../../shared/api-schemas';
import { ProviderExport } from '../../../../shared/config-document';
import { SECRET_NAME } from '../../secrets/redactor';
import { maskSecret } from '../../secrets/secret-store';
import { type ProviderConfig, providerRowFrom } from '../../store/providers';
import type { ProviderRecord } from '../../store/repositories';
import { changedFields, defineSection, type SectionContext } from './section';

type ProviderItem = ProviderExport;
const ProviderItem = ProviderExport;

/** The provider settings a configuration carries: the create body's fields but the key. */
const CONFIG_FIELDS = Object.keys(ProviderCreate.shape).filter((f) => f !== 'apiKey');

const NO_SECRET = { secretCiphertext: '', secretHint: '' };

/** What a secret-named header override's value reads in an export: the value itself is sealed or withheld. */
const SEALED_VALUE = '[sealed]';
const WITHHELD_VALUE = '[withheld]';

type HeaderOverrides = NonNullable<NonNullable<ProviderItem['overrides']>['headers']>;

/** Indexes of the header overrides that set or append a secret-named header (`x-api-key`, `authorization`…). */
const secretOverrideAt = (headers: HeaderOverrides): number[] =>
  headers.flatMap((h, i) => (h.op !== 'remove' && SECRET_NAME.test(h.name) ? [i] : []));

const hasPassword = (url: string | null): boolean =>
  url !== null && /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^@/\s]*@/i.test(url);

/** The row's secrets in the clear (decrypted with the hub's data key). */
function secretsOf(x: SectionContext, row: ProviderRecord) {
  const headers = Object.fromEntries(Object.entries(row.headers).filter(([n]) => SECRET_NAME.test(n)));
  return {
    apiKey: row.secretCiphertext === '' ? '' : x.ctx.secrets.decrypt(row.secretCiphertext),
    headers,
    proxyUrl: hasPassword(row.proxyUrl) ? row.proxyUrl : null,
  };
}

function toItem(x: SectionContext, row: ProviderRecord): ProviderItem {
  const secrets = secretsOf(x, row);
  const plainHeaders = Object.fromEntries(Object.entries(row.headers).filter(([n]) => !SECRET_NAME.test(n)));
  // Every setting the API takes on create, read from the column of the same name: a setting added to the schema is
  // exported (and imported through providerRowFrom) without touching this section.
  const settings = Object.fromEntries(CONFIG_FIELDS.map((f) => [f, (row as Record<string, unknown>)[f] ?? null]));
  const item = {
    id: row.id,
    ...settings,
    apiKeyHint: row.secretHint,
    schedule: row.schedule ?? null,
    breaker: { ...row.breaker, countNetworkErrors: row.breaker.countNetworkErrors ?? false },
    headers: plainHeaders,
    proxyUrl: secrets.proxyUrl === null ? row.proxyUrl : null,
  } as ProviderItem;
  const secretHeaderNames = Object.keys(secrets.headers);
  const overrideHeaders = (row.overrides?.headers ?? []) as HeaderOverrides;
  const secretOverrides = secretOverrideAt(overrideHeaders);
  if (secretOverrides.length > 0) {
    const shown = x.seal ? SEALED_VALUE : WITHHELD_VALUE;
    const headers = overrideHeaders.map((h, i) => (secretOverrides.includes(i) ? { ...h, value: shown } : h));
    item.overrides = { ...item.overrides, headers };
  }
  if (x.seal) {
    const seal = x.seal;
    item.sealed = {
      apiKey: seal(secrets.apiKey),
      ...(secretHeaderNames.length > 0
        ? { headers: Object.fromEntries(Object.entries(secrets.headers).map(([n, v]) => [n, seal(v)])) }
        : {}),
      ...(secrets.proxyUrl === null ? {} : { proxyUrl: seal(secrets.proxyUrl) }),
      ...(secretOverrides.length > 0
        ? {
            overrideHeaders: Object.fromEntries(
              secretOverrides.map((i) => [String(i), seal(overrideHeaders[i]?.value ?? '')]),
            ),
          }
        : {}),
    };
  } else {
    item.withheld = [
      'apiKey',
      ...secretHeaderNames.map((n) => `headers.${n}`),
      ...(secrets.proxyUrl === null ? [] : ['proxyUrl']),
      ...secretOverrides.map((i) => `overrides.headers[${i}]`),
    ];
  }
  return item;
}

/** The settings the item gives (its secrets, hints and markers aside), as the store takes them. */
function configOf(item: ProviderItem): ProviderConfig {
  const { id: _id, apiKeyHint: _hint, sealed: _sealed, withheld: _withheld, ...config } = item;
  return config;
}

/** What the item's secrets become on this hub: opened from the import, else the existing provider's, else none. */
function resolveSecrets(x: SectionContext, item: ProviderItem, current: ProviderRecord | undefined) {
  const open = (v: string | undefined) => (v !== undefined && x.open ? x.open(v) : undefined);
  const kept = current ? secretsOf(x, current) : undefined;
  const apiKey = open(item.sealed?.apiKey) ?? kept?.apiKey;
  const headers: Record<string, string> = { ...(item.headers ?? {}) };
  const sealedHeaders = item.sealed?.headers ?? {};
  const secretNames = new Set([
    ...Object.keys(sealedHeaders),
    ...(item.withheld ?? []).filter((w) => w.startsWith('headers.')).map((w) => w.slice('headers.'.length)),
  ]);
  const missing: string[] = [];
  for (const name of secretNames) {
    const value = open(sealedHeaders[name]) ?? kept?.headers[name];
    if (value === undefined) missing.push(`headers.${name}`);
    else headers[name] = value;
  }
  let proxyUrl = item.proxyUrl ?? null;
  if (item.sealed?.proxyUrl !== undefined || item.withheld?.includes('proxyUrl')) {
    proxyUrl = open(item.sealed?.proxyUrl) ?? kept?.proxyUrl ?? null;
    if (proxyUrl === null) missing.push('proxyUrl');
  }
  if (apiKey === undefined) missing.unshift('apiKey');
  const overrides = resolveOverrideSecrets(item, current, open, missing);
  return { apiKey, headers, proxyUrl, overrides, missing };
}

/**
 * The item's header overrides with their secret values back: opened from the import, else the existing provider's
 * override of the same header, else the override is left out (and named as missing).
 */
function resolveOverrideSecrets(
  item: ProviderItem,
  current: ProviderRecord | undefined,
  open: (v: string | undefined) => string | undefined,
  missing: string[],
): ProviderItem['overrides'] {
  const headers = item.overrides?.headers;
  if (!headers) return item.overrides;
  const kept = (current?.overrides?.headers ?? []) as HeaderOverrides;
  const resolved: HeaderOverrides = [];
  headers.forEach((h, i) => {
    if (!secretOverrideAt([h]).length || (h.value !== SEALED_VALUE && h.value !== WITHHELD_VALUE)) {
      resolved.push(h);
      return;
    }
    const value =
      open(item.sealed?.overrideHeaders?.[String(i)]) ??
      kept.find((k) => k.op === h.op && k.name.toLowerCase() === h.name.toLowerCase())?.value;
    if (value === undefined) missing.push(`overrides.headers[${i}]`);
    else resolved.push({ ...h, value });
  });
  return { ...item.overrides, headers: resolved };
}

function rowOf(x: SectionContext, item: ProviderItem, current: ProviderRecord | undefined): ProviderRecord {
  const s = resolveSecrets(x, item, current);
  const config = { ...configOf(item), headers: s.headers, proxyUrl: s.proxyUrl, overrides: s.overrides };
  // A provider without its API key is created disabled: every request to it would fail and trip its breaker.
  if (s.apiKey === undefined) config.enabled = false;
  const apiKey = s.apiKey ?? '';
  const secret = { secretCiphertext: x.ctx.secrets.encrypt(apiKey), secretHint: maskSecret(apiKey) };
  return { ...providerRowFrom(config, secret, item.id, x.now), createdAt: current?.createdAt ?? x.now };
}

export const providersSection = defineSection<ProviderItem>({
  path: 'providers',
  item: ProviderItem,
  id: (p) => p.id,
  label: (p) => p.name,
  export: (x) => x.ctx.store.providers.list().map((row) => toItem(x, row)),
  normalize: (x, item) => ({
    ...toItem({ ...x, seal: undefined }, providerRowFrom(configOf(item), NO_SECRET, item.id, x.now)),
    ...pick(item),
  }),
  diff: (x, current, incoming) => {
    const fields = changedFields(current, incoming, ['apiKeyHint', 'sealed', 'withheld', 'headers', 'proxyUrl']);
    const row = x.ctx.store.providers.get(current.id);
    if (!row) return fields;
    const now = secretsOf(x, row);
    const next = resolveSecrets(x, incoming, row);
    if (next.apiKey !== undefined && next.apiKey !== now.apiKey) fields.push('apiKey');
    if (changedFields({ h: { ...row.headers } }, { h: next.headers }).length > 0) fields.push('headers');
    if ((next.proxyUrl ?? null) !== (row.proxyUrl ?? null)) fields.push('proxyUrl');
    return fields.sort();
  },
  note: (x, item, current) => {
    const row = current ? x.ctx.store.providers.get(current.id) : undefined;
    const { missing } = resolveSecrets(x, item, row);
    if (missing.length === 0) return undefined;
    return missing.includes('apiKey')
      ? 'no API key in the export (or no passphrase to open it): created disabled; set its API key'
      : `not in the export: ${missing.join(', ')}`;
  },
  apply: (x, item, current) => {
    const existing = current ? x.ctx.store.providers.get(current.id) : undefined;
    x.ctx.store.configRows.putProvider(rowOf(x, item, existing), false);
  },
  reloads: ['providers'],
});

/** The incoming item's secret markers, kept as given (the normalized form compares only its settings). */
function pick(item: ProviderItem): Partial<ProviderItem> {
  return {
    headers: item.headers ?? {},
    proxyUrl: item.proxyUrl ?? null,
    ...(item.sealed ? { sealed: item.sealed } : {}),
    ...(item.withheld ? { withheld: item.withheld } : {}),
  };
}
