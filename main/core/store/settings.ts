// The hub's settings (currency, timezone, retention, body capture, billing model): defaults, the table, a live cache.

import { eq } from 'drizzle-orm';
import { Settings, type SettingsUpdate } from '../../../shared/api-schemas';
import { CAPTURE_DEFAULTS, STATUS_PAGE_DEFAULTS } from '../../../shared/operations-settings';
import type { Db } from '../db/connection';
import { settings } from '../db/schema';
import type { HubSettings } from './records';
import type { SettingsRepository } from './repositories';

export type { HubSettings } from './records';

/** The reactive fixes are on, the hub's own Warmup answer off, until an admin says otherwise. */
const RELAY_FIX_DEFAULTS = {
  fixThinkingSignature: true,
  fixThinkingBudget: true,
  fixResponsesInput: true,
  answerWarmup: false,
} as const;

/** Defaults; the timezone defaults to the configured one (TZ at first start). */
export function defaultSettings(timezone: string): HubSettings {
  return {
    currencySymbol: '$',
    timezone: Settings.shape.timezone.safeParse(timezone).success ? timezone : 'UTC',
    logRetentionDays: 30,
    captureBodies: false,
    captureMessageText: false,
    billingModel: 'requested',
    // notifications and self-service keys
    maxKeysPerUser: 5,
    notifySpendThreshold: 0.8,
    notifyKeyExpiringDays: 3,
    notifyLeaderboardTime: '09:00',
    notifyLeaderboardSize: 5,
    webhookDeliveryRetentionDays: 14,
    ...CAPTURE_DEFAULTS,
    statusPage: STATUS_PAGE_DEFAULTS,
    ...RELAY_FIX_DEFAULTS,
    responsesWebSocket: true,
    openAiPassThrough: true,
  };
}

const FIELDS = Object.keys(Settings.shape) as (keyof HubSettings)[];

/** Stored values over the defaults, one row per field; a stored value that no longer validates reads as its default. */
export function readSettings(db: Db, defaults: HubSettings): HubSettings {
  const out: Record<string, unknown> = { ...defaults };
  for (const row of db.select().from(settings).all()) {
    const field = row.key as keyof HubSettings;
    if (!FIELDS.includes(field)) continue;
    if (Settings.shape[field].safeParse(row.value).success) out[field] = row.value;
  }
  return out as HubSettings;
}

/** Writes the given fields (already validated) in one transaction. */
export function writeSettings(db: Db, patch: SettingsUpdate, now: number): void {
  db.transaction((tx) => {
    for (const field of FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      tx.insert(settings)
        .values({ key: field, value, updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
        .run();
    }
  });
}

/** The settings as the rest of the hub reads them: cached, reloaded after every write (`notifyChanged('settings')`). */
export class SettingsCache {
  private current: HubSettings;

  constructor(
    private readonly db: Db,
    private readonly defaults: HubSettings,
  ) {
    this.current = readSettings(db, defaults);
  }

  get(): HubSettings {
    return this.current;
  }

  reload(): void {
    this.current = readSettings(this.db, this.defaults);
  }
}

/** The settings table on SQLite: the API's settings, and values the hub keeps for itself under other keys. */
export class SqliteSettings implements SettingsRepository<'sync'> {
  constructor(private readonly db: Db) {}
  read = (defaults: HubSettings) => readSettings(this.db, defaults);
  write = (patch: SettingsUpdate, now: number) => writeSettings(this.db, patch, now);

  readInternal(key: string): unknown {
    return this.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
  }

  writeInternal(key: string, value: unknown, now: number): void {
    this.db
      .insert(settings)
      .values({ key, value, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } })
      .run();
  }
}
