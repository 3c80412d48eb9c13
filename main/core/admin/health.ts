// Public health checks at the root: /healthz (the process answers), /readyz (database, migrations, journal writable).

import type Database from 'better-sqlite3';
import express, { type Router } from 'express';
import { migrationsApplied } from '../db/connection';
import type { JournalHealth } from '../store/journal-health';

export function createHealthRoutes(sqlite: Database.Database, journal: JournalHealth): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    let database: 'ok' | 'unreachable' = 'ok';
    let migrations: 'applied' | 'missing' = 'missing';
    try {
      sqlite.prepare('SELECT 1').get();
      if (migrationsApplied(sqlite)) migrations = 'applied';
    } catch {
      database = 'unreachable';
    }
    // The relay refuses requests while the journal cannot be written (a full or failing disk): not ready then.
    const journalState = journal.writable ? 'ok' : 'unwritable';
    const ready = database === 'ok' && migrations === 'applied' && journal.writable;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      database,
      migrations,
      journal: journalState,
      ...(journal.writable ? {} : { journalError: journal.lastError }),
    });
  });
  return router;
}
