// The webhooks section: notification targets by id; the URL (it usually holds a token) and the secret sealed with the
// export passphrase or withheld. A target imported without its URL is created disabled (its settings kept): the
// operator sets the URL and enables it. The delivery queue reads the targets on each notification: nothing to reload.
import { WebhookExport } from '../../../../shared/config-document';
import { fromIsoOrNull, toIso } from '../../store/iso';
import { urlHint, type WebhookRecord } from '../../store/webhooks';
import { changedFields, defineSection, type Problem, type SectionContext } from './section';

/** The row's URL and secret in the clear ('' for a target imported without its URL; null: no secret). */
function secretsOf(x: SectionContext, row: WebhookRecord) {
  return {
    url: x.ctx.secrets.decrypt(row.urlCiphertext),
    secret: row.secretCiphertext === null ? null : x.ctx.secrets.decrypt(row.secretCiphertext),
  };
}

/** The settings an item carries, defaults filled in, as `export` writes them. */
function settingsOf(item: WebhookExport): WebhookExport {
  return {
    id: item.id,
    name: item.name,
    kind: item.kind,
    urlHint: urlHint(item.urlHint ?? ''),
    chatId: item.chatId ?? null,
    template: item.template ?? null,
    events: [...new Set(item.events)],
    enabled: item.enabled ?? true,
    ratePerMinute: item.ratePerMinute ?? 20,
    ...(item.createdAt ? { createdAt: item.createdAt } : {}),
  };
}

function toItem(x: SectionContext, row: WebhookRecord): WebhookExport {
  const item = settingsOf({ ...row, events: row.events as WebhookExport['events'], createdAt: toIso(row.createdAt) });
  item.urlHint = row.urlHint;
  const { url, secret } = secretsOf(x, row);
  const seal = x.seal;
  if (seal) {
    item.sealed = { ...(url === '' ? {} : { url: seal(url) }), ...(secret === null ? {} : { secret: seal(secret) }) };
  } else {
    const withheld: ('url' | 'secret')[] = [...(url === '' ? [] : ['url' as const])];
    if (secret !== null) withheld.push('secret');
    item.withheld = withheld;
  }
  return item;
}

/** What the item's URL and secret become here: opened from the import, else the hub's own target's, else missing. */
function resolveSecrets(x: SectionContext, item: WebhookExport, current: WebhookRecord | undefined) {
  const open = (v: string | undefined) => (v !== undefined && x.open ? x.open(v) : undefined);
  const kept = current ? secretsOf(x, current) : undefined;
  const url = open(item.sealed?.url) ?? (kept?.url || undefined);
  const hasSecret = item.sealed?.secret !== undefined || (item.withheld ?? []).includes('secret');
  const secret = hasSecret ? (open(item.sealed?.secret) ?? kept?.secret ?? undefined) : null;
  const missing = [...(url === undefined ? ['url'] : []), ...(secret === undefined ? ['secret'] : [])];
  return { url, secret: secret ?? null, missing };
}

function rowOf(x: SectionContext, item: WebhookExport, current: WebhookRecord | undefined): WebhookRecord {
  const s = resolveSecrets(x, item, current);
  const settings = settingsOf(item);
  return {
    id: item.id,
    name: settings.name,
    kind: settings.kind,
    urlCiphertext: x.ctx.secrets.encrypt(s.url ?? ''),
    urlHint: s.url === undefined ? (settings.urlHint as string) : urlHint(s.url),
    secretCiphertext: s.secret === null ? null : x.ctx.secrets.encrypt(s.secret),
    chatId: settings.chatId ?? null,
    template: settings.template ?? null,
    events: settings.events,
    // Without a URL there is nowhere to deliver: the target waits, disabled, for the operator to set one.
    enabled: s.url === undefined ? false : (settings.enabled ?? true),
    ratePerMinute: settings.ratePerMinute ?? 20,
    createdAt: current?.createdAt ?? fromIsoOrNull(item.createdAt ?? null) ?? x.now,
    updatedAt: x.now,
  };
}

export const webhooksSection = defineSection<WebhookExport>({
  path: 'webhooks',
  item: WebhookExport,
  id: (w) => w.id,
  label: (w) => w.name,
  export: (x) => x.ctx.store.webhooks.list().map((row) => toItem(x, row)),
  normalize: (_x, item) => ({
    ...settingsOf(item),
    ...(item.sealed ? { sealed: item.sealed } : {}),
    ...(item.withheld ? { withheld: item.withheld } : {}),
  }),
  diff: (x, current, incoming) => {
    const fields = changedFields(current, incoming, ['urlHint', 'createdAt', 'sealed', 'withheld']);
    const row = x.ctx.store.webhooks.get(current.id);
    if (!row) return fields;
    const now = secretsOf(x, row);
    const next = resolveSecrets(x, incoming, row);
    if (next.url !== undefined && next.url !== now.url) fields.push('url');
    if (!next.missing.includes('secret') && next.secret !== now.secret) fields.push('secret');
    return fields.sort();
  },
  check: (_x, items) => {
    const problems: Problem[] = [];
    items.forEach((w, i) => {
      if (w.kind === 'telegram' && !w.chatId) problems.push({ field: `webhooks[${i}].chatId`, message: 'required' });
      if (w.template && w.kind !== 'json') {
        problems.push({ field: `webhooks[${i}].template`, message: 'only kind "json" takes a template' });
      }
    });
    return problems;
  },
  note: (x, item, current) => {
    const row = current ? x.ctx.store.webhooks.get(current.id) : undefined;
    const { missing } = resolveSecrets(x, item, row);
    if (missing.length === 0) return undefined;
    return missing.includes('url')
      ? `no URL in the export (or no passphrase to open it): created disabled; set its ${missing.join(' and ')}`
      : 'its secret is not in the export (or no passphrase to open it): set it on this hub';
  },
  apply: (x, item, current) => {
    const existing = current ? x.ctx.store.webhooks.get(current.id) : undefined;
    x.ctx.store.configRows.putWebhook(rowOf(x, item, existing));
  },
  reloads: [],
});
