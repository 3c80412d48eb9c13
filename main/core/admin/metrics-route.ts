// GET /metrics for Prometheus, behind the admin token (Prometheus sends it with `authorization: credentials`).
import express, { type Router } from 'express';
import type { HubContext } from '../context';
import type { LiveGauges, Metrics } from '../metrics';
import { isAdminToken } from './auth';

export function createMetricsRoute(ctx: HubContext, live: () => LiveGauges, metrics: Metrics): Router {
  const router = express.Router();
  router.get('/metrics', (req, res) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !isAdminToken(ctx, m[1] as string)) {
      res
        .status(401)
        .setHeader('www-authenticate', 'Bearer')
        .type('text/plain')
        .send('send the admin token as Bearer\n');
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render(live()));
  });
  return router;
}
