// The configuration export's items and the import's answer (GET /config/export, POST /config/import).
import { z } from 'zod';
import { ContentRuleCreate, ErrorRule, Id, IsoDateTime, KeyCreate, ProviderCreate, UserCreate } from './api-schemas';
import { NOTIFY_EVENTS, NotifyEvent, WebhookKind, WebhookUpdate } from './webhook-schemas';

/** The document's format; an import refuses a newer one. */
export const CONFIG_VERSION = 1;

/** How the document's secrets are sealed: scrypt derives the AES-256-GCM key from the passphrase and `salt`. */
export const SealedSecrets = z
  .strictObject({
    kdf: z.literal('scrypt'),
    N: z.number().int().min(1024).max(131_072),
    r: z.number().int().min(1).max(8),
    p: z.number().int().min(1).max(4),
    salt: z.string().min(16).max(200),
    /** A known text sealed with the key: a wrong passphrase is told before anything is applied. */
    check: z.string().min(1).max(500),
  })
  .meta({ id: 'ConfigSealedSecrets' });
export type SealedSecrets = z.infer<typeof SealedSecrets>;

/** A sealed value: base64 of IV (12 bytes), tag (16) and ciphertext. */
const sealed = z.string().min(40).max(20_000);

/**
 * A provider's settings. Its secrets (the API key, headers with secret names, a proxy URL with a password) are sealed
 * with the export passphrase (`sealed`), or left out and named in `withheld` when the export had none.
 */
export const ProviderExport = ProviderCreate.omit({ apiKey: true })
  .extend({
    id: Id,
    apiKeyHint: z.string().max(40).optional().meta({ description: 'the masked key, e.g. "sk-ab…wxyz"' }),
    sealed: z
      .strictObject({
        apiKey: sealed.optional(),
        headers: z.record(z.string(), sealed).optional(),
        proxyUrl: sealed.optional(),
        /** Secret-named header overrides' values by their index in `overrides.headers` (shown there as "[sealed]"). */
        overrideHeaders: z.record(z.string().regex(/^\d{1,3}$/), sealed).optional(),
      })
      .optional(),
    withheld: z
      .array(z.string().max(300))
      .max(200)
      .optional()
      .meta({
        description:
          'secrets left out: "apiKey", "headers.<name>", "proxyUrl", "overrides.headers[<i>]"; an import keeps the ' +
          "hub's own",
      }),
  })
  .meta({ id: 'ProviderExport' });
export type ProviderExport = z.infer<typeof ProviderExport>;

export const UserExport = UserCreate.extend({ id: Id }).meta({ id: 'UserExport' });
export type UserExport = z.infer<typeof UserExport>;

/** A hub key as its SHA-256 hash: the same key string authenticates on the importing hub; the key itself is never kept. */
export const KeyExport = KeyCreate.extend({
  id: Id,
  userId: Id,
  keyHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256'),
  prefix: z.string().min(1).max(40),
  retiresAt: IsoDateTime.nullable().optional(),
}).meta({ id: 'KeyExport' });
export type KeyExport = z.infer<typeof KeyExport>;

/** A group is a name on providers, users and keys; listed for reading, it follows from them on import. */
export const GroupExport = z
  .strictObject({
    name: z.string().min(1).max(100),
    providers: z.array(Id),
    users: z.array(Id),
    keys: z.array(Id),
  })
  .meta({ id: 'GroupExport' });
export type GroupExport = z.infer<typeof GroupExport>;

/** A price set by hand (the manual layer); imported and bundled prices come from their own files. */
export const PriceOverrideExport = z
  .strictObject({ model: z.string().min(1).max(500), priceData: z.record(z.string(), z.unknown()) })
  .meta({ id: 'PriceOverrideExport' });
export type PriceOverrideExport = z.infer<typeof PriceOverrideExport>;

/** A content rule; `createdAt` keeps the order the relay checks the rules in (the first that matches is named). */
export const ContentRuleExport = ContentRuleCreate.extend({ id: Id, createdAt: IsoDateTime.optional() }).meta({
  id: 'ContentRuleExport',
});
export type ContentRuleExport = z.infer<typeof ContentRuleExport>;

/**
 * An error rule the hub stores: the operator's own, or a built-in rule an admin edited (`builtIn`, the built-in's id).
 * Built-in rules never edited live in the hub's code and are not exported. `createdAt` orders rules of equal priority.
 */
export const ErrorRuleExport = z
  .strictObject({ ...ErrorRule.omit({ createdAt: true, updatedAt: true }).shape, createdAt: IsoDateTime.optional() })
  .meta({ id: 'ErrorRuleExport' });
export type ErrorRuleExport = z.infer<typeof ErrorRuleExport>;

/**
 * A notification target. Its URL (which usually holds a token) and secret are sealed with the export passphrase, or
 * left out and named in `withheld`: an import then keeps the hub's own, or creates the target disabled without a URL.
 */
export const WebhookExport = WebhookUpdate.omit({ url: true, secret: true })
  .extend({
    id: Id,
    name: z.string().trim().min(1).max(200),
    kind: WebhookKind,
    events: z.array(NotifyEvent).min(1).max(NOTIFY_EVENTS.length),
    urlHint: z.string().max(2000).optional().meta({ description: 'scheme and host, e.g. "https://hooks.slack.com/…"' }),
    createdAt: IsoDateTime.optional(),
    sealed: z.strictObject({ url: sealed.optional(), secret: sealed.optional() }).optional(),
    withheld: z
      .array(z.enum(['url', 'secret']))
      .max(2)
      .optional()
      .meta({ description: "secrets left out; an import keeps the hub's own" }),
  })
  .meta({ id: 'WebhookExport' });
export type WebhookExport = z.infer<typeof WebhookExport>;

/** An object of a section this hub does not keep yet (its own section gives the shape once it does). */
export const OpaqueExport = z.record(z.string(), z.unknown());

export const ConfigChangeAction = z.enum(['create', 'update', 'unchanged', 'skip']);
export type ConfigChangeAction = z.infer<typeof ConfigChangeAction>;

export const ConfigChange = z
  .object({
    section: z.string().meta({ description: 'e.g. "providers", "rules.content"' }),
    id: z.string(),
    name: z.string(),
    action: ConfigChangeAction,
    fields: z.array(z.string()).optional().meta({ description: 'the fields an update changes' }),
    note: z.string().optional(),
  })
  .meta({ id: 'ConfigChange' });
export type ConfigChange = z.infer<typeof ConfigChange>;

export const ConfigImportResult = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    changes: z.array(ConfigChange),
    summary: z.object({
      create: z.number().int(),
      update: z.number().int(),
      unchanged: z.number().int(),
      skip: z.number().int(),
    }),
  })
  .meta({ id: 'ConfigImportResult' });
export type ConfigImportResult = z.infer<typeof ConfigImportResult>;

export const ConfigImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'true (the default): only report the changes; false: apply them' }),
});

export { PASSPHRASE_HEADER } from './config-passphrase';
