// The Store on SQLite: every repository over one better-sqlite3 connection, answering synchronously.
import type { Database_ } from '../db/connection';
import type { SecretStore } from '../secrets/secret-store';
import { SqliteAudit } from './audit';
import { SqliteErrorRules } from './error-rules';
import { SqliteHealth } from './health';
import { SqliteKeys } from './keys';
import { SqlitePrices } from './prices';
import { SqliteProviders } from './providers';
import type { Store } from './repositories';
import { SqliteRequestBodies } from './request-bodies';
import { SqliteRequests } from './requests';
import { SqliteSettings } from './settings';
import { SqliteUsage } from './usage-stats';
import { SqliteUsers } from './users';

export class SqliteStore implements Store<'sync'> {
  readonly users: SqliteUsers;
  readonly keys: SqliteKeys;
  readonly providers: SqliteProviders;
  readonly settings: SqliteSettings;
  readonly prices: SqlitePrices;
  readonly audit: SqliteAudit;
  readonly requests: SqliteRequests;
  readonly bodies: SqliteRequestBodies;
  readonly usage: SqliteUsage;
  readonly health: SqliteHealth;
  readonly errorRules: SqliteErrorRules;

  constructor(database: Pick<Database_, 'db' | 'sqlite'>, secrets: Pick<SecretStore, 'encrypt'>) {
    const { db, sqlite } = database;
    this.users = new SqliteUsers(db);
    this.keys = new SqliteKeys(db);
    this.providers = new SqliteProviders(db, secrets);
    this.settings = new SqliteSettings(db);
    this.prices = new SqlitePrices(db);
    this.audit = new SqliteAudit(db);
    this.requests = new SqliteRequests(db, sqlite);
    this.bodies = new SqliteRequestBodies(sqlite);
    this.usage = new SqliteUsage(sqlite);
    this.health = new SqliteHealth(sqlite);
    this.errorRules = new SqliteErrorRules(db);
  }
}
