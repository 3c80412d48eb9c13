// Serves the built admin console (out/renderer): hashed assets cached, index.html per response with a CSP nonce.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Response, type Router } from 'express';

/** The placeholder renderer/index.html carries where each response's nonce goes. */
export const NONCE_PLACEHOLDER = '__CCHUB_CSP_NONCE__';

/** The console's policy: nothing from another host; scripts and styles from here or carrying this response's nonce. */
export function consoleCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh nonce: 128 random bits, base64 (the CSP grammar allows + / =; none of them needs escaping in HTML). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The built index.html split at the nonce placeholders, so a response is a join and not a search.
 * - The build writes document-relative URLs (`./assets/…`, electron-vite's default base) which would resolve under
 *   a deep link such as /users/usr_1: they are made root-relative.
 * - Script and stylesheet tags get a nonce attribute too (the policy allows them as 'self' already; the nonce keeps
 *   working should a build ever inline one).
 */
export function splitTemplate(html: string): string[] {
  const rooted = html.replace(/(\s(?:src|href)=["'])\.\//gi, '$1/');
  const marked = rooted.replace(/<(script|link|style)\b(?![^>]*\snonce=)/gi, `<$1 nonce="${NONCE_PLACEHOLDER}"`);
  return marked.split(NONCE_PLACEHOLDER);
}

interface Template {
  mtimeMs: number;
  parts: string[];
}

function sendNotFound(res: Response, what: string): void {
  res.status(404).json({ error: { code: 'not_found', message: `nothing at ${what}` } });
}

export function consoleStatic(dir: string): Router {
  const router = express.Router();
  const indexPath = join(dir, 'index.html');
  let template: Template | null = null;

  /** The template, re-read when the file changes (a rebuild while the hub runs). */
  const loadTemplate = (): string[] | null => {
    if (!existsSync(indexPath)) return null;
    const { mtimeMs } = statSync(indexPath);
    if (template?.mtimeMs !== mtimeMs) template = { mtimeMs, parts: splitTemplate(readFileSync(indexPath, 'utf8')) };
    return template.parts;
  };

  const sendIndex = (res: Response): void => {
    const parts = loadTemplate();
    if (!parts) {
      sendNotFound(res, 'the console (run `npm run build`)');
      return;
    }
    const nonce = newNonce();
    res.setHeader('content-security-policy', consoleCsp(nonce));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'same-origin');
    res.type('html').send(parts.join(nonce));
  };

  // Vite names built files by content hash: they never change under the same name.
  router.use(
    '/assets',
    express.static(join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: true }),
  );
  router.use(express.static(dir, { index: false, maxAge: '1h', fallthrough: true }));
  router.get(/.*/, (req, res) => {
    // Paths that look like files (or belong to the API) are not console routes: no history fallback for them.
    if (req.path.startsWith('/api/') || req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(req.path)) {
      sendNotFound(res, req.path);
      return;
    }
    sendIndex(res);
  });
  router.use((req, res) => sendNotFound(res, `${req.method} ${req.path}`));
  return router;
}
