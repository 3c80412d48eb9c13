// GET /metrics for Prometheus, behind the admin token (Prometheus sends it with `authorization: credentials`).
import express, { type Router } from 'express';
import { clientAddress } from '../client-address';
import type { HubContext } from '../context';
import { type Lockout, retryAfterSeconds } from '../credential-lockout';
import type { LiveGauges, Metrics } from '../metrics';
import { isAdminToken } from './auth';

/** A wrong token counts in `lockout` (the admin API's): past its threshold wrong tokens get 429, the right one works. */
export function createMetricsRoute(
  ctx: HubContext,
  live: () => LiveGauges,
  metrics: Metrics,
  lockout: Lockout,
): Router {
  const router = express.Router();
  router.get('/metrics', (req, res) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!m || !isAdminToken(ctx, m[1] as string)) {
      const { retryAfterMs } = lockout.fail(clientAddress(req, ctx.config.trustedProxies));
      if (retryAfterMs > 0) {
        const seconds = retryAfterSeconds(retryAfterMs);
        res.status(429).setHeader('retry-after', String(seconds)).type('text/plain').send('too many wrong tokens\n');
        return;
      }
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
