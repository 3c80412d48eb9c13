// The API docs pages: Swagger UI at /api/docs and Scalar at /api/scalar, from local assets only (no CDN, no fonts, no telemetry).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import express, { type Response, type Router } from 'express';

/** Every page and asset here may load only from this origin (the hub must work on a closed LAN). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const OPENAPI_URL = '/api/v1/openapi.json';
const TITLE = 'cchub admin API';

interface AssetPaths {
  swaggerDir: string;
  scalarScript: string;
}

let assets: AssetPaths | null | undefined;

/** Resolved through Node's module resolution, so it works from the repo, after a build, in Docker and packaged. */
function assetPaths(): AssetPaths | null {
  if (assets !== undefined) return assets;
  try {
    const require = createRequire(import.meta.url);
    assets = {
      swaggerDir: dirname(require.resolve('swagger-ui-dist/package.json')),
      scalarScript: require.resolve('@scalar/api-reference/browser/standalone.js'),
    };
  } catch {
    assets = null;
  }
  return assets;
}

function page(res: Response, html: string): void {
  res.setHeader('content-security-policy', CSP);
  res.setHeader('cache-control', 'no-store');
  res.type('html').send(html);
}

function script(res: Response, js: string): void {
  res.setHeader('cache-control', 'no-store');
  res.type('application/javascript').send(js);
}

const SWAGGER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE} — Swagger UI</title>
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>`;

const SWAGGER_INIT = `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(OPENAPI_URL)},
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: false,
  withCredentials: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const SCALAR_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLE} — Scalar</title>
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="app"></div>
<script src="/api/scalar/assets/standalone.js"></script>
<script src="/api/scalar/init.js"></script>
</body>
</html>`;

/** No default fonts (fonts.scalar.com), no proxy, no telemetry, no sharing or AI features that call scalar.com. */
export const SCALAR_CONFIGURATION = {
  url: OPENAPI_URL,
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  documentDownloadType: 'json',
  agent: { disabled: true },
  mcp: { disabled: true },
  persistAuth: false,
  metaData: { title: TITLE },
} as const;

const SCALAR_INIT = `Scalar.createApiReference('#app', ${JSON.stringify(SCALAR_CONFIGURATION)});\n`;

/** Mount at `/api` (before the console's static files). */
export function createDocsPages(): Router {
  const router = express.Router();
  const missing = (res: Response) =>
    res.status(503).type('text').send('the API docs assets (swagger-ui-dist, @scalar/api-reference) are not installed');

  router.get('/docs', (_req, res) => page(res, SWAGGER_HTML));
  router.get('/docs/init.js', (_req, res) => script(res, SWAGGER_INIT));
  router.get('/docs/assets/:file', (req, res) => {
    const paths = assetPaths();
    if (!paths) return missing(res);
    const file = String(req.params.file);
    if (!/^[A-Za-z0-9._-]+\.(js|css|png)$/.test(file) || file.startsWith('.')) {
      res.status(404).type('text').send('not found');
      return;
    }
    res.sendFile(join(paths.swaggerDir, file), { maxAge: '1d', dotfiles: 'deny' }, (err) => {
      if (err && !res.headersSent) res.status(404).type('text').send('not found');
    });
  });

  router.get('/scalar', (_req, res) => page(res, SCALAR_HTML));
  router.get('/scalar/init.js', (_req, res) => script(res, SCALAR_INIT));
  router.get('/scalar/assets/standalone.js', (_req, res) => {
    const paths = assetPaths();
    if (!paths) return missing(res);
    res.sendFile(paths.scalarScript, { maxAge: '1d' });
  });
  return router;
}
