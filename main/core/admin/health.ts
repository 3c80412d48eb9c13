// Public health checks at the root: /healthz (the process answers), /readyz (database, migrations, journal writable).

import express, { type Router } from 'express';
import type { JournalHealth } from '../store/journal-health';
import type { HealthRepository } from '../store/repositories';

export function createHealthRoutes(health: HealthRepository, journal: JournalHealth): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    const { database, migrations } = await health.probe();
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
