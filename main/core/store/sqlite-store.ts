// The Store on SQLite: every repository over one better-sqlite3 connection, answering synchronously.
import type { Database_ } from '../db/connection';
import type { SecretStore } from '../secrets/secret-store';
import { SqliteAudit } from './audit';
import { SqliteAvailability } from './availability';
import { SqliteBreakerEvents } from './breaker-events';
import { SqliteConfigRows } from './config-rows';
import { SqliteContentRules } from './content-rules';
import { SqliteErrorRules } from './error-rules';
import { SqliteHealth } from './health';
import { SqliteKeys } from './keys';
import { SqlitePrices } from './prices';
import { SqliteProviders } from './providers';
import type { Store } from './repositories';
import { SqliteRequestBodies } from './request-bodies';
import { SqliteRequests } from './requests';
import { SqliteSessions } from './sessions';
import { SqliteSettings } from './settings';
import { SqliteUsage } from './usage-stats';
import { SqliteUsers } from './users';
import { SqliteWebhooks } from './webhooks';

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
  readonly configRows: SqliteConfigRows;
  readonly contentRules: SqliteContentRules;
  readonly webhooks: SqliteWebhooks;
  readonly availability: SqliteAvailability;
  readonly breakerEvents: SqliteBreakerEvents;
  readonly sessions: SqliteSessions;
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
    this.configRows = new SqliteConfigRows(db, sqlite);
    this.contentRules = new SqliteContentRules(db);
    this.webhooks = new SqliteWebhooks(db, (plain) => secrets.encrypt(plain));
    this.availability = new SqliteAvailability(sqlite);
    this.breakerEvents = new SqliteBreakerEvents(sqlite);
    this.sessions = new SqliteSessions(db, sqlite);
    this.errorRules = new SqliteErrorRules(db);
  }
}
