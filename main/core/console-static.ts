// Serves the built admin console (out/renderer) with history-routing fallback to index.html.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Router } from 'express';

export function consoleStatic(dir: string): Router {
  const router = express.Router();
  const indexPath = join(dir, 'index.html');
  router.use(express.static(dir, { index: false, maxAge: '1h', fallthrough: true }));
  router.get(/.*/, (req, res) => {
    if (req.path.startsWith('/api/') || !existsSync(indexPath)) {
      res.status(404).json({ error: { code: 'not_found', message: `nothing at ${req.path}` } });
      return;
    }
    res.setHeader('cache-control', 'no-store');
    res.type('html').send(readFileSync(indexPath, 'utf8'));
  });
  router.use((req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: `nothing at ${req.method} ${req.path}` } });
  });
  return router;
}
