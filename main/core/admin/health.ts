// Public health checks at the root: /healthz (the process answers) and /readyz (database reachable, migrations applied).

import express, { type Router } from 'express';
import type { HealthRepository } from '../store/repositories';

export function createHealthRoutes(health: HealthRepository): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    const { database, migrations } = await health.probe();
    const ready = database === 'ok' && migrations === 'applied';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', database, migrations });
  });
  return router;
}
