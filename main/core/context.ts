// The hub's shared parts, wired once by hub.ts and handed to the relay, the admin API and the jobs.
import type { PriceTable } from './billing/price-table';
import type { Clock } from './clock';
import type { Config } from './config';
import type { ContentRuleBook } from './content-rules/rule-book';
import type { Database_ } from './db/connection';
import type { Governance } from './governance';
import type { Logger } from './logger';
import type { RoutingRegistry } from './routing/registry';
import type { SecretStore } from './secrets/secret-store';
import type { HubSettings } from './store/settings';
import type { SqliteStore } from './store/sqlite-store';

export interface HubContext {
  config: Config;
  clock: Clock;
  database: Database_;
  /** Every table behind its repository (the one door to storage). */
  store: SqliteStore;
  secrets: SecretStore;
  adminToken: string;
  prices: PriceTable;
  logger: Logger;
  /** Quota windows, sessions and circuit breakers (the quota, sessions and breaker endpoints read them). */
  governance: Governance;
  /** Call after every admin write that changes providers, users or keys: rebuilds the relay's in-memory state. */
  notifyChanged(what: 'providers' | 'users' | 'keys' | 'prices' | 'settings' | 'content-rules' | 'error-rules'): void;
  /** The base URL the hub listens on (set once listening). */
  baseUrl(): string;
  /** The current settings (timezone, retention, capture, billing model…); reloaded on `notifyChanged('settings')`. */
  settings(): HubSettings;
  /** The relay's providers with their decrypted secrets and keep-alive pools (the provider test uses them). */
  registry: RoutingRegistry;
  /** The enabled content rules as the relay checks them (the rule tester reads them too). */
  contentRules: ContentRuleBook;
}
