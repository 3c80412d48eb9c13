// The hub's shared parts, wired once by hub.ts and handed to the relay, the admin API and the jobs.
import type { PriceTable } from './billing/price-table';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Database_ } from './db/connection';
import type { Logger } from './logger';
import type { SecretStore } from './secrets/secret-store';

export interface HubContext {
  config: Config;
  clock: Clock;
  database: Database_;
  secrets: SecretStore;
  adminToken: string;
  prices: PriceTable;
  logger: Logger;
  /** Call after every admin write that changes providers, users or keys: rebuilds the relay's in-memory state. */
  notifyChanged(what: 'providers' | 'users' | 'keys' | 'prices' | 'settings'): void;
  /** The base URL the hub listens on (set once listening). */
  baseUrl(): string;
}
