// Public health checks at the root: /healthz (the process answers) and /readyz (database reachable, migrations applied).

import type Database from 'better-sqlite3';
import express, { type Router } from 'express';
import { migrationsApplied } from '../db/connection';

export function createHealthRoutes(sqlite: Database.Database): Router {
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
    const ready = database === 'ok' && migrations === 'applied';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', database, migrations });
  });
  return router;
}
